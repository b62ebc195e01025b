// Resolves a dotted path (`data.lines.0.qty`) against a JSON Schema, the way
// JSON-Logic's `var` and Handlebars paths read data. A schema with no structural
// keywords (`{}`) stands for "anything": paths below it are not checked.
import type { JsonSchema } from '../types';

export type Resolution = { ok: true; schema: JsonSchema } | { ok: false; missingAt: number };

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

const STRUCTURAL = ['type', 'properties', 'items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'enum', 'const'];

export const ANY: JsonSchema = {};

export function isOpen(schema: JsonSchema): boolean {
  return !STRUCTURAL.some((k) => k in schema);
}

/** The node itself plus every branch of its compositions: a property defined in any of them exists. */
function branches(schema: JsonSchema): JsonSchema[] {
  const out = [schema];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const s of list) if (isObject(s)) out.push(...branches(s));
  }
  for (const key of ['then', 'else']) {
    const s = schema[key];
    if (isObject(s)) out.push(...branches(s));
  }
  return out;
}

function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  return Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : [];
}

function step(schema: JsonSchema, segment: string): JsonSchema | undefined {
  if (isOpen(schema)) return ANY;
  for (const b of branches(schema)) {
    const props = b.properties;
    if (isObject(props) && isObject(props[segment])) return props[segment];
  }
  for (const b of branches(schema)) {
    if (/^\d+$/.test(segment) && isObject(b.items)) return b.items;
    if (segment === 'length' && (typesOf(b).includes('array') || typesOf(b).includes('string')))
      return { type: 'number' };
    if (b.additionalProperties === true) return ANY;
    if (isObject(b.additionalProperties)) return b.additionalProperties;
  }
  // A free-form object (`{"type": "object"}` with no properties listed) may hold any key;
  // one that lists its properties is taken as complete, as the designer builds them.
  const listsProperties = branches(schema).some(
    (b) => b.properties !== undefined || b.additionalProperties !== undefined,
  );
  if (!listsProperties && branches(schema).some((b) => typesOf(b).includes('object'))) return ANY;
  return undefined;
}

export function resolvePath(schema: JsonSchema, segments: readonly string[]): Resolution {
  let node = schema;
  for (let i = 0; i < segments.length; i++) {
    const next = step(node, segments[i]);
    if (!next) return { ok: false, missingAt: i };
    node = next;
  }
  return { ok: true, schema: node };
}

/** The schema of one element when `schema` describes an array; ANY otherwise. */
export function itemsOf(schema: JsonSchema): JsonSchema {
  for (const b of branches(schema)) if (isObject(b.items)) return b.items;
  return ANY;
}

/**
 * Resolves a data path in the `lines[].amount` notation used by `computed` and
 * `related.field`. Returns the schema or undefined when a segment is missing.
 */
export function resolveDataPath(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema = schema;
  for (const part of path.split('.')) {
    const isArray = part.endsWith('[]');
    const r = resolvePath(node, [isArray ? part.slice(0, -2) : part]);
    if (!r.ok) return undefined;
    node = isArray ? itemsOf(r.schema) : r.schema;
    if (isArray && node === ANY && !isOpen(r.schema)) return undefined;
  }
  return node;
}
