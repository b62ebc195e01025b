// Everything the request path needs from one definition version, built once:
// the data validator, computed fields, guards, approval `when`s, row filters,
// print templates and the list spec. The registry caches the result per
// (key, version), so after warm-up no request compiles anything.
// Types only: documents builds its parts through the port the engine passes in
// (registry.ts, DocumentsPort), so definitions imports no documents code.
import type {
  CompiledComputed,
  ListSpec,
  CompiledRowFilters,
  CompiledLevel,
  CompiledLookup,
  RelatedFigure,
  OptionLabels,
  DocumentNumbering,
} from '../documents/index';
import { compileTemplates, type TemplateFn } from '../print/index';
import { createRuleSet, type CompiledRule, type RuleSet } from '../rules/index';
import type { DataValidator, DataValidatorFactory } from './data-validator';
import type { Definition, LookupDef, StateDef, TransitionDef } from './types';

export interface CompiledDefinition {
  def: Definition;
  validate: DataValidator;
  computed: CompiledComputed;
  states: Map<string, StateDef>;
  transitions: Map<string, TransitionDef>;
  guards: Map<string, CompiledRule>;
  /** Per transition with `approval`: its levels with compiled `when`s, in order. */
  approvalLevels: Map<string, CompiledLevel[]>;
  rowFilters: CompiledRowFilters;
  templates: Map<string, TemplateFn>;
  list: ListSpec;
  /** Labelled select fields (value → zh-CN/en label), for the API's `display` values. */
  optionLabels: OptionLabels;
  /** Matches error paths that point at a computed field (`/total`, `/lines/3/amount`). */
  isComputedPath: (path: string) => boolean;
  /** Whether computed fields, or guards and approval `when`s, read `related` or `lookup` (else neither is loaded). */
  relatedUse: { computed: boolean; rules: boolean };
  /** The definition's declared lookups (`lookup.<name>`), their matches compiled to store filters. */
  lookups: CompiledLookup[];
  /** The lookups a guard bounds, kept as counters by every change of this type (documents/lookup-counters.ts). */
  counters: CompiledLookup[];
  /**
   * The lookups over another type a guard bounds: kept as counters by that type's
   * changes (documents/cross-counters.ts), found through the lookup watches.
   */
  crossCounters: CompiledLookup[];
  /** The credit guard's open-orders figure of a version from before lookups, served as a lookup (documents/rule-context.ts). */
  legacyLookup?: LookupDef;
  /**
   * Figures other capabilities add to related documents (finance's open receivables
   * on a customer), through the engine's compile hooks: documents names none of them.
   */
  relatedFigures: RelatedFigure[];
  /** How documents of this version are numbered (documents/numbering.ts); null: by their id. */
  numbering: DocumentNumbering | null;
}

/** The parts of a compiled version that documents builds (documents/compile-parts.ts). */
export type DocumentParts = Pick<
  CompiledDefinition,
  | 'computed'
  | 'rowFilters'
  | 'list'
  | 'optionLabels'
  | 'lookups'
  | 'counters'
  | 'crossCounters'
  | 'legacyLookup'
  | 'numbering'
>;

/** Builds documents' parts of one version; `rules` is the version's rule set, shared with its guards. */
export type DocumentPartsCompiler = (def: Definition, rules: RuleSet) => DocumentParts;

const readsRelated = (logic: unknown): boolean => /"(related|lookup\.)/.test(JSON.stringify(logic ?? null));

function computedPathMatcher(def: Definition): (path: string) => boolean {
  const patterns = (def.computed ?? []).map((c) => {
    const [array, field] = c.field.split('[].');
    const pointer = (p: string) =>
      p
        .split('.')
        .map((s) => `/${s}`)
        .join('');
    return new RegExp(field === undefined ? `^${pointer(array)}$` : `^${pointer(array)}/\\d+${pointer(field)}$`);
  });
  return (path) => patterns.some((p) => p.test(path));
}

/**
 * `stored`: a version read back from the store, checked when it was published; its
 * templates compile on first use, so an engine starting on many definitions does
 * not compile every print template before it answers.
 */
export function compileDefinition(
  def: Definition,
  validators: DataValidatorFactory,
  documentParts: DocumentPartsCompiler,
  { stored = false }: { stored?: boolean } = {},
): CompiledDefinition {
  const rules = createRuleSet();
  const guards = new Map<string, CompiledRule>();
  const approvalLevels = new Map<string, CompiledLevel[]>();
  def.transitions.forEach((t, i) => {
    if (t.guard) guards.set(t.key, rules.compile(t.guard.logic, { path: `/transitions/${i}/guard/logic` }));
    if (t.approval) {
      approvalLevels.set(
        t.key,
        t.approval.levels.map((level, j) => ({
          level,
          when:
            level.when === undefined
              ? null
              : rules.compile(level.when, { path: `/transitions/${i}/approval/levels/${j}/when` }),
        })),
      );
    }
  });
  return {
    def,
    validate: validators.compile(def.schema),
    ...documentParts(def, rules),
    states: new Map(def.states.map((s) => [s.key, s])),
    transitions: new Map(def.transitions.map((t) => [t.key, t])),
    guards,
    approvalLevels,
    templates: compileTemplates(def, { deferred: stored }),
    isComputedPath: computedPathMatcher(def),
    relatedFigures: [],
    relatedUse: {
      computed: readsRelated(def.computed),
      rules: def.transitions.some(
        (t) => readsRelated(t.guard?.logic) || readsRelated(t.approval?.levels.map((l) => l.when)),
      ),
    },
  };
}
