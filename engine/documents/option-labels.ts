// Option labels: a select field is `oneOf` of `{const, title, x-title: {zh-CN, en}}`
// — what ajv validates and react-jsonschema-form renders as a select with titles
// natively, with no custom widget — so prints and exports show "差旅" / "Travel"
// rather than the stored "travel". `displayData` is the document's data with each
// labelled option in one language (top-level fields and line fields), for print
// templates (`{{display.category}}`) and the API's display values.
import type { JsonSchema, LocalizedText, Locale } from '../definitions/index';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The label of `value` among the field's options, in `locale`; undefined when the field has no labelled options. */
export function optionLabel(schema: JsonSchema | undefined, value: unknown, locale: Locale): string | undefined {
  if (!schema || !Array.isArray(schema.oneOf)) return undefined;
  const choice = (schema.oneOf as unknown[]).find((o) => isObject(o) && o.const === value) as JsonSchema | undefined;
  if (!choice) return undefined;
  const localized = choice['x-title'] as LocalizedText | undefined;
  if (localized?.[locale]) return localized[locale];
  return typeof choice.title === 'string' ? choice.title : undefined;
}

function displayObject(schema: JsonSchema, data: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, JsonSchema>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const field = properties[key];
    const items = field && isObject(field.items) ? (field.items as JsonSchema) : undefined;
    if (Array.isArray(value) && items?.properties) {
      out[key] = value.map((line) => (isObject(line) ? displayObject(items, line, locale) : line));
      continue;
    }
    out[key] = optionLabel(field, value, locale) ?? value;
  }
  return out;
}

/** The data with each labelled option shown in `locale`; everything else as stored. */
export function displayData(
  schema: JsonSchema,
  data: Record<string, unknown>,
  locale: Locale,
): Record<string, unknown> {
  return displayObject(schema, data, locale);
}

/** field value → its label per language, for one field's options. */
type OptionMap = Map<unknown, Partial<Record<Locale, string>>>;

/**
 * The labelled fields of one definition version, compiled once with it: top-level
 * fields, and line fields under their array. The API's `display` is computed from
 * this map alone, so a list page costs a few map lookups per document.
 */
export interface OptionLabels {
  fields: [string, OptionMap][];
  lines: [string, [string, OptionMap][]][];
}

function optionMap(field: JsonSchema | undefined): OptionMap | undefined {
  if (!field || !Array.isArray(field.oneOf)) return undefined;
  const map: OptionMap = new Map();
  for (const choice of field.oneOf as unknown[]) {
    if (!isObject(choice) || !('const' in choice)) continue;
    const localized = (choice['x-title'] ?? {}) as Partial<LocalizedText>;
    const title = typeof choice.title === 'string' ? choice.title : undefined;
    map.set(choice.const, { 'zh-CN': localized['zh-CN'] ?? title, en: localized.en ?? title });
  }
  return map.size > 0 ? map : undefined;
}

function labelledFields(schema: JsonSchema): [string, OptionMap][] {
  const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, JsonSchema>;
  return Object.entries(properties).flatMap(([key, field]) => {
    const map = optionMap(field);
    return map ? [[key, map] as [string, OptionMap]] : [];
  });
}

export function compileOptionLabels(schema: JsonSchema): OptionLabels {
  const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, JsonSchema>;
  const lines = Object.entries(properties).flatMap(([key, field]) => {
    const items = isObject(field.items) ? (field.items as JsonSchema) : undefined;
    const fields = items?.properties ? labelledFields(items) : [];
    return fields.length > 0 ? [[key, fields] as [string, [string, OptionMap][]]] : [];
  });
  return { fields: labelledFields(schema), lines };
}

function labelsOf(
  fields: [string, OptionMap][],
  data: Record<string, unknown>,
  locale: Locale,
  out: Record<string, unknown>,
) {
  for (const [key, map] of fields) {
    const label = map.get(data[key])?.[locale];
    if (label !== undefined) out[key] = label;
  }
  return out;
}

/**
 * The API's display values: only the labelled fields that hold a known option, as
 * their label in `locale` (`{creditLevel: "A 级（优良）"}`); line arrays keep their
 * positions (`{lines: [{category: "差旅"}, {}]}`). `data` itself is never changed.
 */
export function displayValues(
  labels: OptionLabels,
  data: Record<string, unknown>,
  locale: Locale,
): Record<string, unknown> {
  const out = labelsOf(labels.fields, data, locale, {});
  for (const [key, fields] of labels.lines) {
    const lines = data[key];
    if (Array.isArray(lines))
      out[key] = lines.map((line) => (isObject(line) ? labelsOf(fields, line, locale, {}) : {}));
  }
  return out;
}
