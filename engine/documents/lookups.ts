// Declared lookups (definition `lookups`): figures over other documents that rules
// read as `lookup.<name>` — "bookings of this slot", "approved claims of this
// department this month". The match is a restricted form (field = value from this
// document's data, = a literal, or in a list of literals) turned here into a store
// filter built only from scalars, so no input can smuggle a `$` operator into the
// query. Lookups run with system rights: the rule context gets the figure, never
// the documents behind it. The document being checked never counts itself.
import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import type { Definition, LookupDef } from '../definitions/index';
import type { Filter, Store } from '../store/index';
import { documentsCollection } from './document-record';

type Scalar = string | number | boolean;

export interface CompiledLookup {
  def: LookupDef;
  /** Fields compared with a value of this document's data: `data.slot` = context `data.slot`. */
  keyed: Array<{ field: string; from: string }>;
  /** Fields compared with literals: `state` in [booked, arrived]. */
  fixed: Record<string, Scalar | { $in: Scalar[] }>;
  /** The declaration as JSON: tells this version's lookup from another version's of the same name. */
  signature: string;
  /** A hash of what it counts (shapeOf), part of its counters' ids; worked out here, not on every create. */
  shapeHash: string;
}

/** What a lookup counts: one published with another shape counts afresh (lookup-counters.ts). */
export const shapeOf = ({ type, match, aggregate, field }: LookupDef) => ({ type, match, aggregate, field });

export const hashOf = (value: unknown, length: number): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, length);

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

export function compileLookups(def: Definition): CompiledLookup[] {
  return (def.lookups ?? []).map((lookup) => {
    const keyed: CompiledLookup['keyed'] = [];
    const fixed: CompiledLookup['fixed'] = {};
    for (const [field, value] of Object.entries(lookup.match)) {
      if (isScalar(value)) fixed[field] = value;
      else if ('var' in value) keyed.push({ field, from: value.var });
      else fixed[field] = { $in: value.in.filter(isScalar) };
    }
    return { def: lookup, keyed, fixed, signature: JSON.stringify(lookup), shapeHash: hashOf(shapeOf(lookup), 12) };
  });
}

/** The value at a dotted path of a plain object. */
export function valueAtPath(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The keyed values a lookup takes from a document's data (`{data}`), in match
 * order; null when one is missing or not a plain scalar (the lookup then finds
 * nothing — an object could only be an attempt to inject an operator).
 */
export function lookupKey(lookup: CompiledLookup, source: { data: unknown }, side: 'from' | 'field'): Scalar[] | null {
  const values: Scalar[] = [];
  for (const k of lookup.keyed) {
    const value = valueAtPath(source, k[side]);
    if (!isScalar(value) || value === '') return null;
    values.push(value);
  }
  return values;
}

export function lookupFilter(lookup: CompiledLookup, key: Scalar[], excludeId?: string): Filter {
  const filter: Filter = { ...lookup.fixed };
  lookup.keyed.forEach((k, i) => (filter[k.field] = key[i]));
  if (excludeId) filter._id = { $ne: excludeId };
  return filter;
}

/** The figure of an empty set: nothing counted, nothing summed, no extreme. */
export function emptyFigure(aggregate: LookupDef['aggregate']): number | boolean | null {
  if (aggregate === 'exists') return false;
  return aggregate === 'count' || aggregate === 'sum' ? 0 : null;
}

/** `$sum` adds binary floats; the figure is rounded back to the decimals money and quantities have. */
const tidy = (n: unknown): number | null =>
  typeof n === 'number' && Number.isFinite(n) ? new Decimal(n).toDecimalPlaces(6).toNumber() : null;

async function evaluate(
  store: Store,
  lookup: CompiledLookup,
  key: Scalar[],
  excludeId?: string,
): Promise<number | boolean | null> {
  const { aggregate, field } = lookup.def;
  const docs = documentsCollection(store, lookup.def.type);
  const filter = lookupFilter(lookup, key, excludeId);
  if (aggregate === 'exists') return (await docs.find(filter, { limit: 1, projection: { _id: 1 } })).length > 0;
  if (aggregate === 'count') return docs.count(filter);
  const op = `$${aggregate}`;
  const rows = await docs.aggregate<{ value: unknown }>([
    { $match: filter },
    { $group: { _id: null, value: { [op]: `$${field}` } } },
  ]);
  return rows.length === 0 ? emptyFigure(aggregate) : (tidy(rows[0].value) ?? emptyFigure(aggregate));
}

/** Every declared lookup's figure for a document with this data (`excludeId`: the document itself). */
export async function evaluateLookups(
  store: Store,
  lookups: CompiledLookup[],
  data: Record<string, unknown>,
  excludeId?: string,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const lookup of lookups) {
    const key = lookupKey(lookup, { data }, 'from');
    out[lookup.def.name] = key ? await evaluate(store, lookup, key, excludeId) : emptyFigure(lookup.def.aggregate);
  }
  return out;
}
