// Race-free lookups: a guard that bounds a lookup (`lookup.bookings < 5`) must
// hold under concurrency, which a read-then-write cannot promise (fifty requests
// all read 4). So a count or sum that a guard reads — over the definition's own
// documents, or over another type's (cross-counters.ts) — is kept as a counter
// per lookup key (`lookup_counters`, one document per slot, customer,
// department-month…), changed by the very changes that move a document into or
// out of the matched set (counter-writes.ts says how, race-free).
// This file says which lookups are counted and what a change moves.
// A counter is created on first use from a store query, so a lookup declared
// after documents exist starts right. Sums are kept in ten-thousandths as integers,
// so adding and removing amounts never drifts.
import Decimal from 'decimal.js';
import type { Definition } from '../definitions/index';
import { DuplicateKeyError } from '../errors';
import type { Store, StoredDoc } from '../store/index';
import type { DocumentRecord } from './document-record';
import { compileLookups, hashOf, lookupFilter, lookupKey, shapeOf, valueAtPath, type CompiledLookup } from './lookups';
import { documentsCollection } from './document-record';

export const COUNTERS_COLLECTION = 'lookup_counters';
export const COUNTER_EFFECT = 'lookup.counters';
const SCALE = 10_000;

export interface CounterDoc extends StoredDoc {
  type: string;
  lookup: string;
  key: Array<string | number | boolean>;
  /** Count, or sum × 10,000. */
  value: number;
  /** Changes applied and not yet settled: marker → delta. */
  applied: Record<string, number>;
}

export interface CounterDelta {
  counter: string;
  /** The type declaring the lookup, when it is not the changed document's (cross-counters.ts). */
  owner?: string;
  lookup: string;
  key: Array<string | number | boolean>;
  delta: number;
  /** What the document itself contributed to this key before the change (the guard sees the others only). */
  own: number;
}

/** The states a lookup counts, null when its match does not name them. */
export function countedStates(lookup: CompiledLookup): Array<string | number | boolean> | null {
  const state = lookup.fixed.state;
  return state === undefined ? null : typeof state === 'object' ? state.$in : [state];
}

/** A count or sum limited to some states, keyed on a value of the document, read by a guard. */
function countable(def: Definition, l: CompiledLookup): boolean {
  if (l.def.aggregate !== 'count' && l.def.aggregate !== 'sum') return false;
  if (!countedStates(l) || l.keyed.length === 0) return false;
  return def.transitions.some((t) => JSON.stringify(t.guard?.logic ?? null).includes(`"lookup.${l.def.name}"`));
}

/**
 * Lookups kept as counters: a count or sum over this type, limited to some states,
 * read by a guard. A counted initial state is fine: creation (an import, a system
 * document) moves the counters too (insert-new-document.ts).
 */
export function counterLookups(def: Definition, lookups: CompiledLookup[]): CompiledLookup[] {
  return lookups.filter((l) => l.def.type === def.key && countable(def, l));
}

/** The same over another type: that type's changes keep them (cross-counters.ts). */
export function crossCounterLookups(def: Definition, lookups: CompiledLookup[]): CompiledLookup[] {
  return lookups.filter((l) => l.def.type !== def.key && countable(def, l));
}

/**
 * One counter per owner, lookup and key; the lookup's own shape (type, match,
 * aggregate, field) is in the id, so a lookup published with another match starts
 * a fresh counter from a store query instead of going on from the old one's value.
 */
export const counterId = (owner: string, lookup: CompiledLookup, key: unknown[]): string =>
  `${owner}:${lookup.def.name}:${lookup.shapeHash}:${hashOf(key, 32)}`;

const scaled = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? new Decimal(value).times(SCALE).round().toNumber() : 0;

export const figureOf = (lookup: CompiledLookup, value: number): number =>
  lookup.def.aggregate === 'sum' ? new Decimal(value).div(SCALE).toNumber() : value;

/** What a document adds to a lookup's counter: its key and its count (1) or scaled amount; null when it is not matched. */
function contribution(lookup: CompiledLookup, doc: DocumentRecord): { key: CounterDelta['key']; value: number } | null {
  for (const [field, expected] of Object.entries(lookup.fixed)) {
    const actual = valueAtPath(doc, field);
    const ok = typeof expected === 'object' ? expected.$in.includes(actual as never) : actual === expected;
    if (!ok) return null;
  }
  const key = lookupKey(lookup, doc, 'field');
  if (!key) return null;
  return { key, value: lookup.def.aggregate === 'count' ? 1 : scaled(valueAtPath(doc, lookup.def.field ?? '')) };
}

/** How a change from `before` (null: a creation) to `after` moves each counter of `owner`'s lookups. */
export function counterDeltas(
  counters: CompiledLookup[],
  before: DocumentRecord | null,
  after: DocumentRecord,
  owner: string = after.type,
): CounterDelta[] {
  const out: CounterDelta[] = [];
  for (const lookup of counters) {
    const was = before ? contribution(lookup, before) : null;
    const now = contribution(lookup, after);
    const entry = (c: { key: CounterDelta['key'] }, delta: number, own: number): CounterDelta => ({
      counter: counterId(owner, lookup, c.key),
      ...(owner === after.type ? {} : { owner }),
      lookup: lookup.def.name,
      key: c.key,
      delta,
      own,
    });
    if (was && now && JSON.stringify(was.key) === JSON.stringify(now.key)) {
      if (now.value !== was.value) out.push(entry(now, now.value - was.value, was.value));
      continue;
    }
    if (was && was.value !== 0) out.push(entry(was, -was.value, was.value));
    if (now && now.value !== 0) out.push(entry(now, now.value, 0));
  }
  return out;
}

export const countersCollection = (store: Store) => store.collection<CounterDoc>(COUNTERS_COLLECTION);

const countedBy = (def: Definition): CompiledLookup[] => {
  const lookups = compileLookups(def);
  return [...counterLookups(def, lookups), ...crossCounterLookups(def, lookups)];
};

/**
 * On publish: a lookup this version counts that the one it replaces did not count
 * alike (not at all, or with another match) loses its old counters — nobody kept
 * them meanwhile — so each is built again from a store query when first needed.
 */
export async function restartCounters(store: Store, previous: Definition | null, next: Definition): Promise<void> {
  const counted = (l: CompiledLookup) => `${l.def.name}:${JSON.stringify(shapeOf(l.def))}`;
  const before = new Set(previous ? countedBy(previous).map(counted) : []);
  for (const l of countedBy(next))
    if (!before.has(counted(l))) await countersCollection(store).deleteMany({ type: next.key, lookup: l.def.name });
}

/** The counter of one key, created from a store query the first time it is needed. */
export async function loadCounter(
  store: Store,
  type: string,
  lookup: CompiledLookup,
  d: Pick<CounterDelta, 'counter' | 'key' | 'owner'>,
): Promise<CounterDoc> {
  const found = await countersCollection(store).findById(d.counter);
  if (found) return found;
  const docs = documentsCollection(store, lookup.def.type);
  const filter = lookupFilter(lookup, d.key);
  let value = 0;
  if (lookup.def.aggregate === 'count') value = await docs.count(filter);
  else {
    for await (const doc of docs.cursor(filter, { projection: { [lookup.def.field ?? 'data']: 1 } }))
      value += scaled(valueAtPath(doc, lookup.def.field ?? ''));
  }
  try {
    return await countersCollection(store).insertOne({
      _id: d.counter,
      type: d.owner ?? type,
      lookup: lookup.def.name,
      key: d.key,
      value,
      applied: {},
    });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const again = await countersCollection(store).findById(d.counter);
    if (!again) throw err;
    return again;
  }
}
