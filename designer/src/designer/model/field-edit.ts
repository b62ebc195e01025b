// Property-panel edits: each returns a new field (the model is immutable so undo is a
// snapshot). Only the keywords an edit concerns are touched.
import { optionsSchema } from './palette';
import type { FieldModel, JsonLogic, JsonSchema, LocalizedText, SelectOption, UiNode } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function setKeyword(schema: JsonSchema, keyword: string, value: unknown): JsonSchema {
  const out = { ...schema };
  if (value === undefined || value === '') delete out[keyword];
  else out[keyword] = value;
  return out;
}

function setUi(ui: UiNode | undefined, keyword: string, value: unknown): UiNode | undefined {
  const out = { ...(ui ?? {}) };
  if (value === undefined || value === '' || value === false) delete out[keyword];
  else out[keyword] = value;
  return Object.keys(out).length > 0 ? out : undefined;
}

function setUiOption(ui: UiNode | undefined, option: string, value: unknown): UiNode | undefined {
  const options = { ...(isObject(ui?.['ui:options']) ? ui['ui:options'] : {}) };
  if (value === undefined || value === '') delete options[option];
  else options[option] = value;
  return setUi(ui, 'ui:options', Object.keys(options).length > 0 ? options : undefined);
}

export const labelOf = (f: FieldModel): LocalizedText => {
  const x = f.schema['x-title'];
  if (isObject(x)) return x as unknown as LocalizedText;
  const t = typeof f.schema.title === 'string' ? f.schema.title : f.key;
  return { 'zh-CN': t, en: t };
};

export function setLabel(f: FieldModel, label: LocalizedText): FieldModel {
  return { ...f, schema: { ...f.schema, title: label['zh-CN'], 'x-title': { ...label } } };
}

export const setKey = (f: FieldModel, key: string): FieldModel => ({ ...f, key });
export const setRequired = (f: FieldModel, required: boolean): FieldModel => ({ ...f, required });
export const setSchemaKeyword = (f: FieldModel, keyword: string, value: unknown): FieldModel => ({
  ...f,
  schema: setKeyword(f.schema, keyword, value),
});
export const setReadOnly = (f: FieldModel, readOnly: boolean): FieldModel => ({
  ...f,
  schema: setKeyword(f.schema, 'readOnly', readOnly ? true : undefined),
});

/** Help text: `description` (what rjsf shows under the field). */
export const setHelp = (f: FieldModel, help: string): FieldModel => setSchemaKeyword(f, 'description', help);

/**
 * Width on a 24-column grid (24 full, 12 half, 8 third) in `ui:options.span`;
 * undefined: the section's default (model/layout.ts spanIn).
 */
export const setWidth = (f: FieldModel, span: number | undefined): FieldModel => ({
  ...f,
  ui: setUiOption(f.ui, 'span', span),
});

/** Shown only while the JSON-Logic holds (`{"var": "data.…"}`); undefined: always shown. */
export const setVisibleWhen = (f: FieldModel, logic: JsonLogic | undefined): FieldModel => ({
  ...f,
  ui: setUiOption(f.ui, 'visibleWhen', logic),
});

export function setOptions(f: FieldModel, options: SelectOption[]): FieldModel {
  const schema: JsonSchema = { ...f.schema, oneOf: optionsSchema(options) };
  delete schema.enum;
  return { ...f, schema };
}

export function setReference(f: FieldModel, type: string): FieldModel {
  return {
    ...f,
    schema: { ...f.schema, 'x-ref': type },
    ui: setUiOption(setUi(f.ui, 'ui:widget', 'docRef'), 'type', type),
  };
}

export function setColumns(f: FieldModel, columns: FieldModel[]): FieldModel {
  return { ...f, columns };
}

/** Replaces the field with this id anywhere (top level or a lines table's columns). */
export function replaceField(fields: FieldModel[], id: string, update: (f: FieldModel) => FieldModel): FieldModel[] {
  return fields.map((f) => {
    if (f.id === id) return update(f);
    if (f.columns?.some((c) => c.id === id || c.columns)) return { ...f, columns: replaceField(f.columns, id, update) };
    return f;
  });
}

export function findField(
  fields: FieldModel[],
  id: string,
): { field: FieldModel; siblings: FieldModel[]; parent?: FieldModel } | undefined {
  for (const f of fields) {
    if (f.id === id) return { field: f, siblings: fields };
    const inner = f.columns ? findField(f.columns, id) : undefined;
    if (inner) return { ...inner, parent: inner.parent ?? f };
  }
  return undefined;
}

export function removeField(fields: FieldModel[], id: string): FieldModel[] {
  return fields.filter((f) => f.id !== id).map((f) => (f.columns ? { ...f, columns: removeField(f.columns, id) } : f));
}
