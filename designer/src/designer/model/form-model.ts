// Definition ⇄ builder fields. Reading keeps every schema and UI node whole; writing
// rebuilds `properties`, `required`, the UI nodes and `ui:order` from the fields while
// keeping the original key order, so an unedited definition comes back identical.
import { newFieldId } from './ids';
import { readSections, SECTIONS, writeSections, type SectionModel } from './layout';
import { detectKind } from './palette';
import type { Definition, FieldModel, JsonSchema, UiNode } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields in the order the form shows them: `ui:order` (with `*` standing for the rest), else property order. */
export function objectToFields(schema: JsonSchema, ui: UiNode | undefined): FieldModel[] {
  const props = isObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const names = Object.keys(props);
  const order = Array.isArray(ui?.['ui:order']) ? (ui['ui:order'] as string[]) : ['*'];
  const listed = order.filter((n) => n !== '*' && names.includes(n));
  const rest = names.filter((n) => !listed.includes(n));
  const ordered = order.flatMap((n) => (n === '*' ? rest : listed.includes(n) ? [n] : []));
  if (!order.includes('*')) ordered.push(...rest);
  return ordered.map((key) => {
    const node = props[key];
    const fieldUi = isObject(ui?.[key]) ? (ui[key] as UiNode) : undefined;
    const kind = detectKind(node, fieldUi);
    const field: FieldModel = {
      id: newFieldId(),
      key,
      origKey: key,
      kind,
      schema: node,
      ui: fieldUi,
      required: required.includes(key),
    };
    if (kind === 'lines' && isObject(node.items)) {
      field.columns = objectToFields(node.items, isObject(fieldUi?.items) ? fieldUi.items : undefined);
    }
    return field;
  });
}

/** Original keys first (where they were, under their current names), then new ones. */
function orderedEntries<T>(
  original: string[],
  fields: FieldModel[],
  pick: (f: FieldModel) => T | undefined,
): Array<[string, T]> {
  const out: Array<[string, T]> = [];
  const done = new Set<FieldModel>();
  for (const key of original) {
    const f = fields.find((x) => x.origKey === key);
    if (!f) continue;
    done.add(f);
    const v = pick(f);
    if (v !== undefined) out.push([f.key, v]);
  }
  for (const f of fields) {
    if (done.has(f)) continue;
    const v = pick(f);
    if (v !== undefined) out.push([f.key, v]);
  }
  return out;
}

function fieldSchema(f: FieldModel): JsonSchema {
  if (f.kind !== 'lines' || !f.columns || !isObject(f.schema.items)) return f.schema;
  const itemUi = isObject(f.ui?.items) ? (f.ui.items as UiNode) : undefined;
  return { ...f.schema, items: fieldsToObject(f.schema.items, itemUi, f.columns).schema };
}

function fieldUi(f: FieldModel): UiNode | undefined {
  if (f.kind !== 'lines' || !f.columns || !isObject(f.schema.items)) return f.ui;
  const itemUi = isObject(f.ui?.items) ? (f.ui.items as UiNode) : undefined;
  const items = fieldsToObject(f.schema.items, itemUi, f.columns).ui;
  const ui = { ...(f.ui ?? {}) };
  if (items) ui.items = items;
  else delete ui.items;
  return Object.keys(ui).length > 0 ? ui : undefined;
}

const sameList = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function fieldsToObject(
  schema: JsonSchema,
  ui: UiNode | undefined,
  fields: FieldModel[],
): { schema: JsonSchema; ui: UiNode | undefined } {
  const origProps = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  const origRequired = Array.isArray(schema.required) ? (schema.required as string[]) : undefined;
  const outSchema: JsonSchema = {
    ...schema,
    properties: Object.fromEntries(orderedEntries(origProps, fields, fieldSchema)),
  };
  const required = orderedEntries(origRequired ?? [], fields, (f) => (f.required ? true : undefined)).map(([k]) => k);
  if (required.length > 0 || origRequired) outSchema.required = required;

  const outUi: UiNode = {};
  const emitted = new Set<FieldModel>();
  for (const [k, v] of Object.entries(ui ?? {})) {
    const f = fields.find((x) => x.origKey === k);
    if (k === 'ui:order') outUi[k] = uiOrder(v, fields, origProps);
    else if (f) {
      emitted.add(f);
      const fu = fieldUi(f);
      if (fu !== undefined) outUi[f.key] = fu;
    } else if (k.startsWith('ui:') || !origProps.includes(k)) outUi[k] = v; // kept as it was
  }
  for (const f of fields) {
    const fu = emitted.has(f) ? undefined : fieldUi(f);
    if (fu !== undefined) outUi[f.key] = fu;
  }
  if (!('ui:order' in outUi)) {
    const natural = Object.keys(outSchema.properties as object);
    const shown = fields.map((f) => f.key);
    if (!sameList(natural, shown)) outUi['ui:order'] = shown;
  }
  return { schema: outSchema, ui: Object.keys(outUi).length > 0 || ui ? outUi : undefined };
}

/** The new `ui:order`: the original array when the order is unchanged, else the field keys (keeping a `*`). */
function uiOrder(original: unknown, fields: FieldModel[], origProps: string[]): unknown {
  if (!Array.isArray(original)) return original;
  const shown = fields.map((f) => f.key);
  const mapped = objectToFieldsOrder(original as string[], origProps).map(
    (k) => fields.find((f) => f.origKey === k)?.key,
  );
  if (sameList(mapped, shown)) return original;
  return original.includes('*') ? [...shown, '*'] : shown;
}

function objectToFieldsOrder(order: string[], names: string[]): string[] {
  const listed = order.filter((n) => n !== '*' && names.includes(n));
  const rest = names.filter((n) => !listed.includes(n));
  const out = order.flatMap((n) => (n === '*' ? rest : listed.includes(n) ? [n] : []));
  if (!order.includes('*')) out.push(...rest);
  return out;
}

export interface BuilderModel {
  /** Everything but the form, exactly as read (states, transitions, unknown `x-` parts…). */
  def: Definition;
  fields: FieldModel[];
  /** The form's sections (`ui:sections`); empty: one plain list of fields. */
  sections: SectionModel[];
}

export function fromDefinition(def: Definition): BuilderModel {
  const fields = objectToFields(def.schema, def.uiSchema);
  return { def, fields, sections: readSections(def.uiSchema, fields) };
}

export function toDefinition(model: BuilderModel): Definition {
  const built = fieldsToObject(model.def.schema, model.def.uiSchema, model.fields);
  const { schema } = built;
  let { ui } = built;
  // Sections as read are kept as written; after an edit (or a rename inside) they are rewritten.
  const sections = model.sections.length > 0 ? writeSections(model.sections, model.fields) : undefined;
  if (JSON.stringify(sections) !== JSON.stringify(model.def.uiSchema?.[SECTIONS])) {
    ui = { ...(ui ?? {}) };
    if (sections) ui[SECTIONS] = sections;
    else delete ui[SECTIONS];
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model.def)) {
    if (k === 'schema') out.schema = schema;
    else if (k === 'uiSchema') {
      if (ui) out.uiSchema = ui;
    } else out[k] = v;
  }
  if (!('uiSchema' in out) && ui) out.uiSchema = ui;
  return out as unknown as Definition;
}
