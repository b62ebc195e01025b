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
