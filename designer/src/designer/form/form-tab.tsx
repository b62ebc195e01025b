// The form builder: palette → canvas (dnd-kit, pointer and keyboard) with sections,
// property panel for the selected field or section, computed fields, and the live
// preview beside them.
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMemo, useState } from 'react';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import { findField, removeField, replaceField } from '../model/field-edit';
import { suggestKey } from '../model/keys';
import {
  insertField,
  layoutItems,
  moveItem,
  newSection,
  removeFromSections,
  sectionItemId,
  type SectionModel,
} from '../model/layout';
import { DEFAULT_LABELS, newField } from '../model/palette';
import type { Definition, FieldModel, LocalizedText } from '../model/types';
import { ruleFields } from '../model/when';
import { Canvas } from './canvas';
import { ComputedPanel } from './computed-panel';
import { PalettePanel, type PaletteKind } from './palette-panel';
import { Preview } from './preview';
import { PropertyPanel } from './property-panel';
import { SectionPanel } from './section-panel';

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
  const items = useMemo(() => layoutItems(model.fields, model.sections), [model.fields, model.sections]);
  // A visibility rule may test the form's other fields (the draft's own, unpublished).
  const visibilityFields = useMemo(() => ruleFields(definition as Definition, () => undefined), [definition]);
  const found = selected ? findField(model.fields, selected) : undefined;
  const section = model.sections.find((s) => sectionItemId(s) === selected);

  function add(kind: PaletteKind, overId?: string) {
    const label = DEFAULT_LABELS[kind];
    const field = newField(
      kind,
      suggestKey(
        label.en,
        model.fields.map((f) => f.key),
      ),
      label,
    );
    update({ ...model, ...insertField(model.fields, model.sections, field, overId) });
    setSelected(field.id);
  }

  function addSection() {
    const n = model.sections.length + 1;
    const s = newSection(model.sections, { 'zh-CN': `分组${n}`, en: `Section ${n}` });
    update({ ...model, sections: [...model.sections, s] });
    setSelected(sectionItemId(s));
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const palette = active.data.current?.palette as PaletteKind | undefined;
    if (palette) {
      if (!over) return;
      add(palette, over.id === 'canvas' ? undefined : String(over.id));
      return;
    }
    if (!over || active.id === over.id) return;
    update({ ...model, ...moveItem(model.fields, model.sections, String(active.id), String(over.id)) });
  }

  const change = (next: FieldModel, group?: string) =>
    update({ ...model, fields: replaceField(model.fields, next.id, () => next) }, group);
  const changeSection = (next: SectionModel | null, group?: string) => {
    if (!section) return;
    if (next) update({ ...model, sections: model.sections.map((s) => (s.id === next.id ? next : s)) }, group);
    else {
      // Its fields join the section above (or none).
      const i = model.sections.indexOf(section);
      const sections = model.sections.filter((s) => s.id !== section.id);
      if (i > 0) sections[i - 1] = { ...sections[i - 1], fieldIds: [...sections[i - 1].fieldIds, ...section.fieldIds] };
      update({ ...model, sections });
      setSelected(null);
    }
  };

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <div className="form-builder">
        <PalettePanel onAdd={(kind) => add(kind)} />
        <div className="form-builder-main">
          <Canvas
            items={items}
            selected={selected}
            onSelect={setSelected}
            computedKeys={computedKeys}
            onAddSection={addSection}
          />
          <ComputedPanel />
        </div>
        <div className="form-builder-side">
          {section ? (
            <SectionPanel key={section.id} section={section} onChange={changeSection} />
          ) : (
            <PropertyPanel
              field={found?.field}
              siblings={found?.siblings ?? []}
              topLevel={found !== undefined && found.parent === undefined}
              refTypes={refTypes}
              visibilityFields={visibilityFields.filter((f) => f.name !== `data.${found?.field.key}`)}
              onChange={change}
              onRemove={() => {
                if (!selected) return;
                update({
                  ...model,
                  fields: removeField(model.fields, selected),
                  sections: removeFromSections(model.sections, selected),
                });
                setSelected(null);
              }}
            />
          )}
          <Preview definition={definition} />
        </div>
      </div>
    </DndContext>
  );
}
