// The form builder: palette → canvas (dnd-kit, pointer and keyboard), property panel
// for the selected field, computed fields, and the live preview beside them.
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMemo, useState } from 'react';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import { findField, removeField, replaceField } from '../model/field-edit';
import { suggestKey } from '../model/keys';
import { newField } from '../model/palette';
import type { FieldModel, LocalizedText } from '../model/types';
import { MESSAGES } from '../i18n/messages';
import { Canvas } from './canvas';
import { ComputedPanel } from './computed-panel';
import { PalettePanel, type PaletteKind } from './palette-panel';
import { Preview } from './preview';
import { PropertyPanel } from './property-panel';

export function FormTab({ refTypes }: { refTypes: Array<{ key: string; title: LocalizedText }> }) {
  useDt();
  const { model, update, definition } = useEditor();
  const [selected, setSelected] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const computedKeys = useMemo(
    () => new Set((model.def.computed ?? []).map((c) => c.field.split('[]')[0])),
    [model.def.computed],
  );
  const found = selected ? findField(model.fields, selected) : undefined;

  function add(kind: PaletteKind, at = model.fields.length) {
    const [zh, en] = MESSAGES[`kind_${kind}`];
    const field = newField(
      kind,
      suggestKey(
        en,
        model.fields.map((f) => f.key),
      ),
      { 'zh-CN': zh, en },
    );
    const fields = [...model.fields];
    fields.splice(at, 0, field);
    update({ ...model, fields });
    setSelected(field.id);
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const palette = active.data.current?.palette as PaletteKind | undefined;
    if (palette) {
      if (!over) return;
      const at = model.fields.findIndex((f) => f.id === over.id);
      add(palette, at < 0 ? model.fields.length : at);
      return;
    }
    if (!over || active.id === over.id) return;
    const from = model.fields.findIndex((f) => f.id === active.id);
    const to = model.fields.findIndex((f) => f.id === over.id);
    if (from >= 0 && to >= 0) update({ ...model, fields: arrayMove(model.fields, from, to) });
  }

  const change = (next: FieldModel, group?: string) =>
    update({ ...model, fields: replaceField(model.fields, next.id, () => next) }, group);

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <div className="form-builder">
        <PalettePanel onAdd={(kind) => add(kind)} />
        <div className="form-builder-main">
          <Canvas fields={model.fields} selected={selected} onSelect={setSelected} computedKeys={computedKeys} />
          <ComputedPanel />
        </div>
        <div className="form-builder-side">
          <PropertyPanel
            field={found?.field}
            siblings={found?.siblings ?? []}
            refTypes={refTypes}
            onChange={change}
            onRemove={() => {
              if (!selected) return;
              update({ ...model, fields: removeField(model.fields, selected) });
              setSelected(null);
            }}
          />
          <Preview definition={definition} />
        </div>
      </div>
    </DndContext>
  );
}
