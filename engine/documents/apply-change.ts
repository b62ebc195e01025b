// A document change with effects, as named steps with compensation (STYLE.md,
// Medusa workflows), so a refused effect changes nothing:
//  1. plan    — the event and update the change will write, and the intent id:
//               derived from the document version and the change itself
//               (intents.ts), so a retry of the same request reuses the same
//               effect keys `${docId}:${version+1}:${fingerprint}:${effect}`.
//  2. intent  — recorded in the outbox (pending) before any effect runs, so a
//               crash from here on is settled by the resume sweep.
//  3. effects — each before-commit effect (effects.ts) runs on the projected
//               document with its key. One refuses (e.g. stock short: 422 naming
//               product, warehouse, requested, available) → the ones already
//               applied are compensated, newest first, the intent is removed and
//               the refusal is answered: document, levels and outbox unchanged.
//               An effect may add data fields it decided (EffectContext.amend):
//               they are written with the change, in the same version.
//  4. commit  — intent → committing, then the version-guarded write. Lost the
//               race (409) to another change → compensate; to this same change
//               (a duplicate request, or the sweep rolling it forward) → keep.
//  5. after   — the intent goes; after-commit effects (releases, notify…) run
//               from their outbox entries.
// A change without before-commit effects is just steps 4–5. A change that moves a
// lookup counter (counter-writes.ts) runs that as its last step-3 effect: a change
// its other effects refuse (stock short, the common refusal under contention)
// then never takes its turn at the counter nor writes it twice (apply, undo).
// Every change of a stored document comes through here — transitions, PATCH,
// approvals, SLA escalations, effects that write back onto a document, jobs — so
// no path can move a counted document without moving its counter; the bare write
// (commit-change.ts) is not exported from engine/documents.
import { AppError } from '../errors';
import type { Store } from '../store/index';
import {
  commitChange,
  planChange,
  projectedDocument,
  versionConflict,
  writeChange,
  type ChangeInput,
  type PlannedChange,
} from './commit-change';
import type { DocumentRecord } from './document-record';
import { runEffects, type EffectHandler, type EffectLogger, type EffectRegistry } from './effects';
import type { CompiledLookup } from './lookups';
import { applyCounterDeltas, settleCounters, type CounterGuard, type CrossCounting } from './counter-writes';
import { COUNTER_EFFECT, counterDeltas, type CounterDelta } from './lookup-counters';
import { crossCounting, type CountingRequest } from './cross-counters';
import { dataDiff, type EffectRequest, type EventRecord } from './events';
import type { DocumentServices } from './services';
import {
  closeIntent,
  committedIntent,
  compensateIntent,
  effectKey,
  inProgress,
  intentClosing,
  intentIdOf,
  openIntent,
  stepIntent,
  type IntentRecord,
} from './intents';
import { messageError } from '../messages/index';

export interface ApplyChangeInput extends ChangeInput {
  /** Where a failed compensation is reported (console when the caller has no logger, e.g. an effect handler). */
  log?: EffectLogger;
  /** The engine's effects, approval seam and fault points (`documents.afterEffects`, `documents.beforeWrite`). */
  engine: DocumentServices;
  /** A transition's guard, checked again on each counter it bounds, at the value the counter moves from. */
  counterGuard?: CounterGuard;
  /** Who asked: increases of other types' counters are bounded by their guards (cross-counters.ts); none for system paths. */
  request?: CountingRequest;
}

interface CounterStep {
  lookups: CompiledLookup[];
  deltas: CounterDelta[];
  guard?: CounterGuard;
  cross?: CrossCounting;
}

/**
 * The counters this change moves: its type's own, by the latest definition (every
 * version's documents count alike), and other types' counters over it.
 */
async function counterStep(input: ApplyChangeInput, planned: PlannedChange): Promise<CounterStep | null> {
  const { definitions, store } = input.engine;
  const latest = await definitions.latest(input.current.type);
  const after = projectedDocument(input.current, planned);
  const deltas = latest.counters.length > 0 ? counterDeltas(latest.counters, input.current, after) : [];
  const other = await crossCounting(store, definitions, {
    type: input.current.type,
    before: input.current,
    after,
    request: input.request,
  });
  if (deltas.length === 0 && !other) return null;
  return {
    lookups: latest.counters,
    deltas: [...deltas, ...(other?.deltas ?? [])],
    guard: input.counterGuard,
    cross: other?.cross,
  };
}

function withKeys(registry: EffectRegistry, base: PlannedChange): { planned: PlannedChange; before: EffectRequest[] } {
  const id = intentIdOf(base);
  const effects = base.event.effects.map((e) =>
    registry.runsBeforeCommit(e) ? { ...e, key: effectKey(id, e.name), applied: true as const } : e,
  );
  const planned = { event: { ...base.event, effects, intent: id }, set: base.set };
  return { planned, before: effects.filter((e) => e.applied) };
}

/** The counter step runs with this request's guard (the registered handler, for a resume, has none to run). */
const counterStepHandler =
  (counting: CounterStep | null): EffectHandler =>
  async (ctx) => {
    if (counting)
      await applyCounterDeltas(ctx.store, {
        type: ctx.doc.type,
        ...counting,
        opKey: ctx.outboxId,
        batches: ctx.engine.counterBatches,
      });
  };

/**
 * Undo what this request applied, then drop the intent. No status write first:
 * a `pending` intent is compensated by the sweep too, and every compensation is
 * idempotent. A failure here leaves the intent for the sweep.
 */
async function abandon(engine: DocumentServices, intent: IntentRecord, upTo: number, log: EffectLogger): Promise<void> {
  try {
    await compensateIntent(engine, intent, upTo);
    await closeIntent(engine.store, intent);
  } catch (err) {
    log.error({ err, intent: intent._id, docId: intent.docId }, 'compensation failed; the resume sweep finishes it');
  }
}

function takenOver(intent: IntentRecord): AppError {
  return messageError(
    'VERSION_CONFLICT.change_taken_over',
    { type: intent.type, id: intent.docId },
    { extra: { reason: 'taken_over' } },
  );
}

/** The planned change with the fields before-commit effects added, in its data and in its history diff. */
function amendedPlan(current: DocumentRecord, planned: PlannedChange, fields: Record<string, unknown>): PlannedChange {
  const data = { ...(planned.set.data as Record<string, unknown>), ...fields };
  return { event: { ...planned.event, diff: dataDiff(current.data, data) }, set: { ...planned.set, data } };
}

/** Runs the before-commit effects in order; returns the data fields they added (EffectContext.amend), if any. */
async function runBeforeCommit(
  engine: DocumentServices,
  intent: IntentRecord,
  projected: DocumentRecord,
  event: EventRecord,
  log: EffectLogger,
  now: () => Date,
  counting: CounterStep | null,
): Promise<Record<string, unknown> | null> {
  const { store } = engine;
  let doc = projected;
  let amended: Record<string, unknown> | null = null;
  // Later effects see what earlier ones added.
  const amend = (fields: Record<string, unknown>): void => {
    amended = { ...amended, ...fields };
    doc = { ...doc, data: { ...doc.data, ...fields } };
  };
  for (const [i, effect] of intent.effects.entries()) {
    // The claim was just taken for the first effect; later ones refresh it first.
    if (i > 0 && !(await stepIntent(store, intent, 'pending', now()))) {
      await abandon(engine, intent, i, log);
      throw takenOver(intent);
    }
    const handler = effect.name === COUNTER_EFFECT ? counterStepHandler(counting) : engine.effects.handler(effect.name);
    if (!handler || !effect.key) continue;
    try {
      await handler({
        store,
        engine,
        doc,
        event,
        effect: effect.name,
        options: effect.options ?? {},
        outboxId: effect.key,
        amend,
      });
    } catch (err) {
      // The failing effect may have half-applied before failing for another reason: undo it too.
      await abandon(engine, intent, i + 1, log);
      throw err;
    }
  }
  return amended;
}

export async function applyChange(
  store: Store,
  input: ApplyChangeInput,
): Promise<{ doc: DocumentRecord; event: EventRecord }> {
  const { current, expectedVersion, engine } = input;
  const log = input.log ?? console;
  const base = planChange(input);
  const counting = await counterStep(input, base);
  if (!counting && !(input.event.effects ?? []).some((e) => engine.effects.runsBeforeCommit(e))) {
    const result = await commitChange(store, input);
    await runEffects(engine, result.doc, result.event, log);
    return result;
  }
  if (current.version !== expectedVersion)
    throw versionConflict(current.type, current._id, expectedVersion, current.version);
  const now = (): Date => new Date();
  const { planned, before } = withKeys(engine.effects, base);
  const id = planned.event.intent as string;
  // Kept in the intent (for compensation and the sweep), not in the event: history shows business effects only.
  const counter: EffectRequest | null = counting
    ? { name: COUNTER_EFFECT, options: { deltas: counting.deltas }, key: effectKey(id, COUNTER_EFFECT), applied: true }
    : null;
  const intent = await openIntent(store, {
    _id: id,
    docId: current._id,
    type: current.type,
    seq: planned.event.seq,
    baseVersion: expectedVersion,
    effects: counter ? [...before, counter] : before,
    planned,
  });
  const amended = await runBeforeCommit(
    engine,
    intent,
    projectedDocument(current, planned),
    planned.event,
    log,
    now,
    counting,
  );
  // Kept in the intent too, so a roll-forward by the sweep writes the same change.
  const toWrite = amended ? amendedPlan(current, planned, amended) : planned;
  await engine.faults.hit('documents.afterEffects', { intent });
  if (!(await stepIntent(store, intent, 'committing', now(), amended ? toWrite : undefined))) {
    await abandon(engine, intent, intent.effects.length, log);
    throw takenOver(intent);
  }
  await engine.faults.hit('documents.beforeWrite', { intent });
  let result: { doc: DocumentRecord; event: EventRecord };
  try {
    // The intent is closed with the change itself (or right after it, where the store cannot).
    result = await writeChange(store, current, expectedVersion, toWrite, [intentClosing(intent)]);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'VERSION_CONFLICT')) throw err; // unknown outcome: the sweep settles it
    if ((await committedIntent(store, current.type, current._id, intent.seq)) === intent._id) {
      await closeIntent(store, intent);
      throw inProgress(current.type, current._id);
    }
    await abandon(engine, intent, intent.effects.length, log);
    throw err;
  }
  // The markers and the after-commit effects touch different records: neither waits for the other's commit.
  const settled = counter
    ? settleCounters(store, counter).catch((err: unknown) =>
        log.error({ err, intent: intent._id }, 'settling lookup counter markers failed; they stay, harmless'),
      )
    : undefined;
  await Promise.all([settled, runEffects(engine, result.doc, result.event, log)]);
  return result;
}
