// Race-free lookups: a guard that bounds a lookup (`lookup.bookings < 5`) must
// hold under concurrency, which a read-then-write cannot promise (fifty requests
// all read 4). So a count or sum that a guard reads — over the definition's own
// documents, or over another type's (cross-counters.ts) — is kept as a counter per lookup key (`lookup_counters`, one document per
// slot, customer, department-month…), changed by the very changes that move a
// document into or out of the matched set, with the same guarded compare-and-set
// the stock levels use:
//   - a change that adds to a key re-evaluates the guard on the counter's current
//     value and `$inc`s it only if the counter still holds that value; losing the
//     race re-reads and re-checks, so at most the bound ever gets in;
//   - a change that takes away (cancel, ship) just `$inc`s down.
// Each update also sets a marker `applied.<op>` in the same single-document write,
// so it happens at most once per change and its compensation (the change did not
// commit: refused by a later effect, lost its version race, or died and was
// swept) undoes exactly what was applied. The step runs last among the change's
// before-commit effects (apply-change.ts), recorded in its intent but not in its
// history: it is bookkeeping, not a business effect. The marker is dropped once
// the change has committed.
// A counter is created on first use from a store query, so a lookup declared
// after documents exist starts right. Sums are kept in ten-thousandths as integers,
// so adding and removing amounts never drifts.
import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import type { Definition } from '../definitions/index';
import { AppError, DuplicateKeyError } from '../errors';
import type { Filter, Store, StoredDoc } from '../store/index';
import type { DocumentRecord } from './document-record';
import type { EffectContext, EffectHandler } from './effects';
import type { EffectRequest } from './events';
import { compileLookups, hashOf, lookupFilter, lookupKey, shapeOf, valueAtPath, type CompiledLookup } from './lookups';
import { documentsCollection } from './document-record';
import type { KeyedBatches } from './keyed-batches';

export const COUNTERS_COLLECTION = 'lookup_counters';
export const COUNTER_EFFECT = 'lookup.counters';
const SCALE = 10_000;
const MAX_ATTEMPTS = 500;

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

const counters = (store: Store) => store.collection<CounterDoc>(COUNTERS_COLLECTION);

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
    if (!before.has(counted(l))) await counters(store).deleteMany({ type: next.key, lookup: l.def.name });
}

/** The counter of one key, created from a store query the first time it is needed. */
export async function loadCounter(
  store: Store,
  type: string,
  lookup: CompiledLookup,
  d: Pick<CounterDelta, 'counter' | 'key' | 'owner'>,
): Promise<CounterDoc> {
  const found = await counters(store).findById(d.counter);
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
    return await counters(store).insertOne({
      _id: d.counter,
      type: d.owner ?? type,
      lookup: lookup.def.name,
      key: d.key,
      value,
      applied: {},
    });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const again = await counters(store).findById(d.counter);
    if (!again) throw err;
    return again;
  }
}

/** Marker field of one change's update: a hash, so it is always a safe field name. */
const markerOf = (opKey: string): string => `applied.m${createHash('sha256').update(opKey).digest('hex').slice(0, 32)}`;

/** Given a lookup's figure as the counter holds it, null when the guard holds, else the refusal. */
export type CounterGuard = (figures: Record<string, number>) => AppError | null;

function contended(): AppError {
  return new AppError('VERSION_CONFLICT', 'The lookup counter is changing too fast; retry shortly.', {
    key: 'VERSION_CONFLICT.lookup_contended',
  });
}

/** Counters of other types' lookups over this one, and the bound each increase is checked against. */
export interface CrossCounting {
  lookups: Array<{ owner: string; lookup: CompiledLookup }>;
  /** The counting type's guards for one delta; none for a system path (they record what already happened). */
  guardOf?: (d: CounterDelta) => Promise<CounterGuard | undefined>;
}

interface CounterInput {
  type: string;
  lookups: CompiledLookup[];
  cross?: CrossCounting;
  deltas: CounterDelta[];
  opKey: string;
  guard?: CounterGuard;
  /** This engine's batches per counter (keyed-batches.ts); without them concurrent increases retry each other. */
  batches?: KeyedBatches;
}

function refusalOf(guard: CounterGuard | undefined, figures: Record<string, number>): unknown {
  try {
    return guard?.(figures) ?? null;
  } catch (err) {
    return err instanceof Error ? err : new Error(`the counter guard failed: ${String(err)}`);
  }
}

/** One change's move of a counter, with the guard an increase must pass. */
interface CounterChange {
  store: Store;
  type: string;
  lookup: CompiledLookup;
  d: CounterDelta;
  marker: string;
  guard?: CounterGuard;
}

/**
 * Increases of one counter: each checked in order against the value the counter
 * holds plus the increases accepted before it, then all accepted ones written in
 * one compare-and-set on that value (re-read and re-checked when it moved). One
 * answer per increase: null (applied, now or by an earlier try) or what its
 * caller throws (its refusal, or its guard's failure: one guard failing does not
 * fail the others of its batch).
 */
async function increaseCounter(increases: CounterChange[]): Promise<unknown[]> {
  const { store, type, lookup, d: first } = increases[0];
  let counter = await loadCounter(store, type, lookup, first);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const applied = new Set(Object.keys(counter.applied ?? {}).map((m) => `applied.${m}`));
    const filter: Filter = { _id: first.counter, value: counter.value };
    const $set: Record<string, number> = {};
    let value = counter.value;
    const answers = increases.map(({ d, marker, guard }) => {
      if (applied.has(marker)) return null;
      const refusal = refusalOf(guard, { [d.lookup]: figureOf(lookup, value - d.own) });
      if (refusal) return refusal;
      applied.add(marker);
      filter[marker] = { $exists: false };
      $set[marker] = d.delta;
      value += d.delta;
      return null;
    });
    if (value === counter.value) return answers;
    if (await counters(store).updateOne(filter, { $inc: { value: value - counter.value }, $set })) return answers;
    const reread = await counters(store).findById(first.counter);
    if (!reread) break;
    counter = reread;
  }
  return increases.map(() => contended());
}

/** A decrease: no guard to pass, so no value to compare; the marker keeps it to once. */
async function decreaseCounter(decrease: Omit<CounterChange, 'guard'>): Promise<void> {
  const { store, type, lookup, d, marker } = decrease;
  await loadCounter(store, type, lookup, d);
  const filter = { _id: d.counter, [marker]: { $exists: false } };
  if (await counters(store).updateOne(filter, { $inc: { value: d.delta }, $set: { [marker]: d.delta } })) return;
  // Not written: applied by an earlier try (its marker is there), unless the counter went meanwhile.
  if (!(await counters(store).findById(d.counter))) throw contended();
}

/**
 * Applies a change's counter deltas (the `lookup.counters` step): decreases at once,
 * increases by compare-and-set on the value the guard was checked against; in this
 * engine, the increases of one counter that arrive while its last write runs go
 * together in the next (so they rarely have to retry, and wait for one commit, not
 * one each).
 */
export async function applyCounterDeltas(store: Store, input: CounterInput): Promise<void> {
  const marker = markerOf(input.opKey);
  for (const d of input.deltas) {
    const cross = d.owner !== undefined && d.owner !== input.type;
    const lookup = cross
      ? input.cross?.lookups.find((c) => c.owner === d.owner && c.lookup.def.name === d.lookup)?.lookup
      : input.lookups.find((l) => l.def.name === d.lookup);
    if (!lookup) continue;
    if (d.delta <= 0) {
      await decreaseCounter({ store, type: input.type, lookup, d, marker });
      continue;
    }
    const guard = cross ? await input.cross?.guardOf?.(d) : input.guard;
    const increase: CounterChange = { store, type: input.type, lookup, d, marker, guard };
    const refusal = input.batches
      ? await input.batches(d.counter, increase, increaseCounter)
      : (await increaseCounter([increase]))[0];
    if (refusal) throw refusal;
  }
}

const deltasOf = (options: Record<string, unknown>): CounterDelta[] =>
  Array.isArray(options.deltas) ? (options.deltas as CounterDelta[]) : [];

/** Undoes what the change `opKey` applied (idempotent: a counter without its marker is left alone). */
export async function undoCounterDeltas(store: Store, deltas: CounterDelta[], opKey: string): Promise<void> {
  const marker = markerOf(opKey);
  for (const d of deltas) {
    await counters(store).updateOne(
      { _id: d.counter, [marker]: { $exists: true } },
      { $inc: { value: -d.delta }, $unset: { [marker]: '' } },
    );
  }
}

export const compensateCounters: EffectHandler = async (ctx: EffectContext) =>
  undoCounterDeltas(ctx.store, deltasOf(ctx.options), ctx.outboxId);

/** After the change committed its markers are no longer needed (a crash here leaves one small stale marker). */
export async function settleCounters(store: Store, effect: EffectRequest): Promise<void> {
  if (!effect.key) return;
  const marker = markerOf(effect.key);
  for (const d of deltasOf(effect.options ?? {}))
    await counters(store).updateOne({ _id: d.counter, [marker]: { $exists: true } }, { $unset: { [marker]: '' } });
}

/** Only reached by a resume that rolls a change forward: its counters were applied before the intent said so. */
export const counterEffect: EffectHandler = async () => {};
