// Form layout in the UI schema: sections with a title and a number of columns
// (`ui:sections` at the root: [{key, title, columns, fields}]), a field's width on a
// 24-column grid (`ui:options.span`) and its visibility rule (`ui:options.visibleWhen`,
// JSON-Logic over `{data}` like every other rule). The builder keeps sections by field
// id so renames and moves need no bookkeeping; keys are written on save.
import { SECTIONS } from '../../form/form-layout';
import { newFieldId } from './ids';
import type { FieldModel, JsonLogic, LocalizedText, UiNode } from './types';

export interface SectionModel {
  id: string;
  key: string;
  title: LocalizedText;
  /** 1–4: a field with no width of its own takes 24 / columns. */
  columns: number;
  fieldIds: string[];
  /** The section as read, so parts the builder does not know are written back. */
  raw?: Record<string, unknown>;
}

// The grid itself lives with the generated form, which the staff app renders too.
export { SECTIONS, spanIn } from '../../form/form-layout';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readSections(ui: UiNode | undefined, fields: FieldModel[]): SectionModel[] {
  const list = ui?.[SECTIONS];
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((raw, i) => {
    const keys = Array.isArray(raw.fields) ? raw.fields.filter((k): k is string => typeof k === 'string') : [];
    const title = isObject(raw.title)
      ? (raw.title as unknown as LocalizedText)
      : { 'zh-CN': String(raw.title ?? ''), en: String(raw.title ?? '') };
    return {
      id: newFieldId(),
      key: typeof raw.key === 'string' ? raw.key : `section${i + 1}`,
      title,
      columns: typeof raw.columns === 'number' ? raw.columns : 1,
      fieldIds: keys.flatMap((k) => fields.find((f) => f.origKey === k)?.id ?? []),
      raw,
    };
  });
}

/** The `ui:sections` node; fields in the form's order within each section. */
export function writeSections(sections: SectionModel[], fields: FieldModel[]): Array<Record<string, unknown>> {
  return sections.map((s) => ({
    ...(s.raw ?? {}),
    key: s.key,
    title: s.title,
    columns: s.columns,
    fields: fields.filter((f) => s.fieldIds.includes(f.id)).map((f) => f.key),
  }));
}

export type LayoutItem = { kind: 'section'; section: SectionModel } | { kind: 'field'; field: FieldModel };

export const sectionItemId = (s: SectionModel): string => `section:${s.id}`;

/** The canvas as one list: fields in no section first, then each section's header and its fields. */
export function layoutItems(fields: FieldModel[], sections: SectionModel[]): LayoutItem[] {
  const grouped = new Set(sections.flatMap((s) => s.fieldIds));
  const out: LayoutItem[] = fields.filter((f) => !grouped.has(f.id)).map((field) => ({ kind: 'field', field }));
  for (const section of sections) {
    out.push({ kind: 'section', section });
    for (const f of fields) if (section.fieldIds.includes(f.id)) out.push({ kind: 'field', field: f });
  }
  return out;
}

export const itemId = (item: LayoutItem): string =>
  item.kind === 'section' ? sectionItemId(item.section) : item.field.id;

/**
 * Reads a reordered canvas back: the field order, and each field in the section whose
 * header precedes it (none before the first header).
 */
export function applyItems(
  fields: FieldModel[],
  sections: SectionModel[],
  ids: string[],
): { fields: FieldModel[]; sections: SectionModel[] } {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const members = new Map<string, string[]>(sections.map((s) => [s.id, []]));
  const order: SectionModel[] = [];
  let current: string | null = null;
  const outFields: FieldModel[] = [];
  for (const id of ids) {
    const section = sections.find((s) => sectionItemId(s) === id);
    if (section) {
      current = section.id;
      order.push(section);
      continue;
    }
    const f = byId.get(id);
    if (!f) continue;
    outFields.push(f);
    if (current) members.get(current)?.push(f.id);
  }
  return { fields: outFields, sections: order.map((s) => ({ ...s, fieldIds: members.get(s.id) ?? [] })) };
}

/** Moves one canvas item to where another is (dnd-kit's arrayMove on the flat list). */
export function moveItem(
  fields: FieldModel[],
  sections: SectionModel[],
  activeId: string,
  overId: string,
): { fields: FieldModel[]; sections: SectionModel[] } {
  const ids = layoutItems(fields, sections).map(itemId);
  const from = ids.indexOf(activeId);
  const to = ids.indexOf(overId);
  if (from < 0 || to < 0 || from === to) return { fields, sections };
  const next = [...ids];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return applyItems(fields, sections, next);
}

/**
 * Puts a new field where it was dropped: before the item `overId` (a field, or a
 * section header: then first in that section); with no target, at the end of the
 * last section (or of the form when there are none).
 */
export function insertField(
  fields: FieldModel[],
  sections: SectionModel[],
  field: FieldModel,
  overId?: string,
): { fields: FieldModel[]; sections: SectionModel[] } {
  const ids = layoutItems(fields, sections).map(itemId);
  let at = overId ? ids.indexOf(overId) : -1;
  if (at >= 0 && overId?.startsWith('section:')) at += 1;
  if (at < 0) at = ids.length;
  ids.splice(at, 0, field.id);
  return applyItems([...fields, field], sections, ids);
}

export function newSection(sections: SectionModel[], title: LocalizedText, columns = 2): SectionModel {
  let n = sections.length + 1;
  while (sections.some((s) => s.key === `section${n}`)) n += 1;
  return { id: newFieldId(), key: `section${n}`, title, columns, fieldIds: [] };
}

export const removeFromSections = (sections: SectionModel[], fieldId: string): SectionModel[] =>
  sections.map((s) => (s.fieldIds.includes(fieldId) ? { ...s, fieldIds: s.fieldIds.filter((x) => x !== fieldId) } : s));

const optionsOf = (ui: UiNode | undefined): Record<string, unknown> =>
  isObject(ui?.['ui:options']) ? ui['ui:options'] : {};

/** The field's own width (1–24), or undefined: the section's default. */
export function widthOf(f: FieldModel): number | undefined {
  const span = optionsOf(f.ui).span;
  return typeof span === 'number' ? span : undefined;
}

export function visibleWhenOf(f: FieldModel): JsonLogic | undefined {
  return optionsOf(f.ui).visibleWhen as JsonLogic | undefined;
}
