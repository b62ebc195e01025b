// Writing lookup counters (lookup-counters.ts says what is counted), with the
// same guarded compare-and-set the stock levels use:
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
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import type { Filter, Store } from '../store/index';
import type { EffectContext, EffectHandler } from './effects';
import type { EffectRequest } from './events';
import type { KeyedBatches } from './keyed-batches';
import { countersCollection as counters, figureOf, loadCounter, type CounterDelta } from './lookup-counters';
import type { CompiledLookup } from './lookups';

const MAX_ATTEMPTS = 500;

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
