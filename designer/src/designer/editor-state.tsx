// One definition being edited: its builder model under undo/redo, shared by the
// form, workflow, approval, template and publish tabs.
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, type ReactNode } from 'react';
import { fromDefinition, toDefinition, type BuilderModel } from './model/form-model';
import { canRedo, canUndo, record, redo, start, undo, type History } from './model/history';
import type { Definition } from './model/types';

export interface EditorValue {
  model: BuilderModel;
  /** The definition as it would be published (no version). */
  definition: Omit<Definition, 'version'>;
  /** The version this draft started from; null for a type not yet published. */
  baseVersion: number | null;
  source: string | null;
  dirty: boolean;
  update(next: BuilderModel, group?: string): void;
  updateDef(change: (def: Definition) => Definition, group?: string): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
  /** After publishing: the published definition becomes the new starting point. */
  reset(def: Definition, version: number, source: string): void;
}

type Action =
  | { type: 'record'; next: BuilderModel; group?: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; model: BuilderModel };

function reducer(h: History<BuilderModel>, a: Action): History<BuilderModel> {
  if (a.type === 'record') return record(h, a.next, a.group);
  if (a.type === 'undo') return undo(h);
  if (a.type === 'redo') return redo(h);
  return start(a.model);
}

const EditorContext = createContext<EditorValue | null>(null);

export function EditorProvider(props: {
  initial: Definition;
  baseVersion: number | null;
  source: string | null;
  children: ReactNode;
  onReset?(version: number): void;
}) {
  const [history, dispatch] = useReducer(reducer, props.initial, (d) => start(fromDefinition(d)));
  const [base, setBase] = useReducer(
    (
      _: { version: number | null; source: string | null; origin: BuilderModel },
      n: { version: number | null; source: string | null; origin: BuilderModel },
    ) => n,
    {
      version: props.baseVersion,
      source: props.source,
      origin: history.present,
    },
  );
  const model = history.present;
  const definition = useMemo(() => {
    const def = toDefinition(model) as Definition & { version?: number };
    const out: Record<string, unknown> = { ...def };
    delete out.version;
    return out as unknown as Omit<Definition, 'version'>;
  }, [model]);
  const update = useCallback((next: BuilderModel, group?: string) => dispatch({ type: 'record', next, group }), []);
  const updateDef = useCallback(
    (change: (def: Definition) => Definition, group?: string) =>
      dispatch({ type: 'record', next: { ...model, def: change(model.def) }, group }),
    [model],
  );
  useEffect(() => {
    // Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y), except while typing, where the input's own undo applies.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key.toLowerCase() === 'z') {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
      } else if (e.key.toLowerCase() === 'y') {
        e.preventDefault();
        dispatch({ type: 'redo' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const value: EditorValue = {
    model,
    definition,
    baseVersion: base.version,
    source: base.source,
    dirty: model !== base.origin,
    update,
    updateDef,
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    canUndo: canUndo(history),
    canRedo: canRedo(history),
    reset(def, version, source) {
      const next = fromDefinition(def);
      dispatch({ type: 'reset', model: next });
      setBase({ version, source, origin: next });
      props.onReset?.(version);
    },
  };
  return <EditorContext.Provider value={value}>{props.children}</EditorContext.Provider>;
}

export function useEditor(): EditorValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor outside EditorProvider');
  return value;
}
