// A definition's schema, ready for rjsf in one language: `title` taken from
// `x-title` and `description` from `x-description` on every node (properties,
// array items, oneOf options), and every computed field read-only, so a form never
// offers to type what the server computes.
import type { Definition, Locale } from '../api/types';

type Node = { [keyword: string]: unknown };

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Any JSON Schema (a definition's, a report's parameters) with its labels in one language. */
export function localizeNode(node: Node, locale: Locale): Node {
  const out: Node = { ...node };
  const label = node['x-title'];
  if (isNode(label) && typeof label[locale] === 'string') out.title = label[locale];
  const help = node['x-description'];
  if (isNode(help) && typeof help[locale] === 'string') out.description = help[locale];
  if (isNode(node.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([k, v]) => [k, isNode(v) ? localizeNode(v, locale) : v]),
    );
  }
  if (isNode(node.items)) out.items = localizeNode(node.items, locale);
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const list = node[keyword];
    if (Array.isArray(list)) out[keyword] = list.map((v: unknown) => (isNode(v) ? localizeNode(v, locale) : v));
  }
  return out;
}

/** `total` → properties.total; `lines[].amount` → properties.lines.items.properties.amount. */
function markReadOnly(schema: Node, field: string): void {
  let node: Node | undefined = schema;
  const segments = field.split('.');
  segments.forEach((segment, i) => {
    const name = segment.endsWith('[]') ? segment.slice(0, -2) : segment;
    const props: unknown = node?.properties;
    let next = isNode(props) && isNode(props[name]) ? { ...props[name] } : undefined;
    if (next && isNode(props)) {
      props[name] = next;
      if (i === segments.length - 1) next.readOnly = true;
      if (segment.endsWith('[]') && isNode(next.items)) {
        next.items = { ...next.items };
        next = next.items as Node;
      }
    }
    node = next;
  });
}

export function formSchema(def: Definition, locale: Locale): Node {
  const schema = localizeNode(def.schema, locale);
  for (const { field } of def.computed ?? []) markReadOnly(schema, field);
  return schema;
}

/** The label of a data field (`customer`, `lines`) in the current language. */
export function fieldTitle(def: Definition, name: string, locale: Locale): string {
  const props = def.schema.properties;
  const node = isNode(props) ? props[name] : undefined;
  if (!isNode(node)) return name;
  const label = node['x-title'];
  if (isNode(label) && typeof label[locale] === 'string') return label[locale];
  return typeof node.title === 'string' ? node.title : name;
}
