// The palette: what each field type writes into the JSON Schema and the UI schema,
// and the reverse — which type an existing field is.
import { newFieldId } from './ids';
import type { FieldKind, FieldModel, JsonSchema, LocalizedText, SelectOption, UiNode } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `kind` in ui:options tells money, quantity and attachment apart from plain numbers and strings. */
export const kindOption = (ui: UiNode | undefined): unknown =>
  isObject(ui?.['ui:options']) ? ui['ui:options'].kind : undefined;

export function detectKind(schema: JsonSchema, ui: UiNode | undefined): FieldKind {
  const marked = kindOption(ui);
  if (marked === 'money' || marked === 'quantity' || marked === 'attachment') return marked;
  const widget = ui?.['ui:widget'];
  const type = schema.type;
  if (type === 'array') return isObject(schema.items) && schema.items.type === 'object' ? 'lines' : 'other';
  if (type === 'boolean') return 'checkbox';
  if (type === 'number' || type === 'integer') return 'number';
  if (type !== 'string') return 'other';
  if (typeof schema['x-ref'] === 'string' || widget === 'docRef') return 'reference';
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.enum)) return 'select';
  if (schema.format === 'date') return 'date';
  if (widget === 'textarea') return 'textarea';
  if (widget === 'file') return 'attachment';
  return schema.format === undefined ? 'text' : 'other';
}

/**
 * The label a new field of each type starts with, in both languages: what such a
 * field is most often called (a table is the document's lines, money an amount), so
 * the key that follows the English label is usually right at once.
 */
export const DEFAULT_LABELS: Record<Exclude<FieldKind, 'other'>, LocalizedText> = {
  text: { 'zh-CN': '文本', en: 'Text' },
  textarea: { 'zh-CN': '说明', en: 'Description' },
  number: { 'zh-CN': '数字', en: 'Number' },
  money: { 'zh-CN': '金额', en: 'Amount' },
  quantity: { 'zh-CN': '数量', en: 'Quantity' },
  date: { 'zh-CN': '日期', en: 'Date' },
  select: { 'zh-CN': '类别', en: 'Category' },
  checkbox: { 'zh-CN': '是否', en: 'Flag' },
  reference: { 'zh-CN': '客户', en: 'Customer' },
  lines: { 'zh-CN': '明细', en: 'Lines' },
  attachment: { 'zh-CN': '附件', en: 'Attachment' },
};

/** One option per line, `中文 / English` (or just one text); each value follows its English label. */
export function parseOptionLines(text: string): SelectOption[] {
  const out: SelectOption[] = [];
  for (const line of text.split('\n')) {
    const [zh, en = zh] = line.split('/').map((x) => x.trim());
    if (!zh) continue;
    let value =
      en
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '') || `o${out.length + 1}`;
    while (out.some((o) => o.value === value)) value = `${value}_${out.length + 1}`;
    out.push({ value, label: { 'zh-CN': zh, en } });
  }
  return out;
}

export const optionLines = (options: SelectOption[]): string =>
  options.map((o) => (o.label['zh-CN'] === o.label.en ? o.label.en : `${o.label['zh-CN']} / ${o.label.en}`)).join('\n');

function withLabel(label: LocalizedText, rest: JsonSchema): JsonSchema {
  return { ...rest, title: label['zh-CN'], 'x-title': { ...label } };
}

/** A new field of a palette type, with the schema and UI nodes it needs. */
export function newField(kind: Exclude<FieldKind, 'other'>, key: string, label: LocalizedText): FieldModel {
  const base = { id: newFieldId(), key, kind, required: false } as const;
  switch (kind) {
    case 'text':
      return { ...base, schema: withLabel(label, { type: 'string', maxLength: 200 }) };
    case 'textarea':
      return {
        ...base,
        schema: withLabel(label, { type: 'string', maxLength: 2000 }),
        ui: { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } },
      };
    case 'number':
      return { ...base, schema: withLabel(label, { type: 'number' }), ui: { 'ui:widget': 'updown' } };
    case 'money':
      return {
        ...base,
        schema: withLabel(label, { type: 'number', minimum: 0 }),
        ui: { 'ui:widget': 'updown', 'ui:placeholder': '0.00', 'ui:options': { kind: 'money' } },
      };
    case 'quantity':
      return {
        ...base,
        schema: withLabel(label, { type: 'number', exclusiveMinimum: 0 }),
        ui: { 'ui:widget': 'updown', 'ui:options': { kind: 'quantity' } },
      };
    case 'date':
      return { ...base, schema: withLabel(label, { type: 'string', format: 'date' }), ui: { 'ui:widget': 'date' } };
    case 'select':
      return {
        ...base,
        schema: withLabel(label, {
          type: 'string',
          oneOf: optionsSchema([
            { value: 'a', label: { 'zh-CN': '选项一', en: 'Option 1' } },
            { value: 'b', label: { 'zh-CN': '选项二', en: 'Option 2' } },
          ]),
        }),
      };
    case 'checkbox':
      return { ...base, schema: withLabel(label, { type: 'boolean', default: false }) };
    case 'reference':
      return {
        ...base,
        schema: withLabel(label, { type: 'string', 'x-ref': 'customer' }),
        ui: { 'ui:widget': 'docRef', 'ui:options': { type: 'customer' } },
      };
    case 'attachment':
      return {
        ...base,
        schema: withLabel(label, { type: 'string' }),
        ui: { 'ui:widget': 'file', 'ui:options': { kind: 'attachment', accept: '.pdf,.png,.jpg,.jpeg' } },
      };
    case 'lines':
      return {
        ...base,
        schema: withLabel(label, { type: 'array', items: { type: 'object', properties: {} }, minItems: 1 }),
        ui: { 'ui:options': { orderable: false, addable: true, removable: true }, items: {} },
        columns: [],
      };
  }
}

export function optionsSchema(options: SelectOption[]): JsonSchema[] {
  return options.map((o) => ({ const: o.value, title: o.label['zh-CN'], 'x-title': { ...o.label } }));
}

/** The options of a select field (`oneOf` of consts, or a bare `enum`). */
export function selectOptions(schema: JsonSchema): SelectOption[] {
  if (Array.isArray(schema.oneOf)) {
    return schema.oneOf.filter(isObject).map((o) => {
      const label = isObject(o['x-title']) ? (o['x-title'] as unknown as LocalizedText) : undefined;
      const text = typeof o.title === 'string' ? o.title : String(o.const);
      return { value: String(o.const), label: label ?? { 'zh-CN': text, en: text } };
    });
  }
  if (Array.isArray(schema.enum))
    return schema.enum.map((v) => ({ value: String(v), label: { 'zh-CN': String(v), en: String(v) } }));
  return [];
}
