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
//  4. commit  — intent → committing, then the version-guarded write. Lost the
//               race (409) to another change → compensate; to this same change
//               (a duplicate request, or the sweep rolling it forward) → keep.
//  5. after   — the intent goes; after-commit effects (releases, notify…) run
//               from their outbox entries.
// A change without before-commit effects is just steps 4–5. A change that moves a
// lookup counter (lookup-counters.ts) runs that as its last step-3 effect: a change
// its other effects refuse (stock short, the common refusal under contention)
// then never takes its turn at the counter nor writes it twice (apply, undo).
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
import {
  applyCounterDeltas,
  COUNTER_EFFECT,
  counterDeltas,
  settleCounters,
  type CounterDelta,
  type CounterGuard,
} from './lookup-counters';
import type { EffectRequest, EventRecord } from './events';
import type { DocumentServices } from './services';
import {
  closeIntent,
  committedIntent,
  compensateIntent,
  effectKey,
  inProgress,
  intentIdOf,
  openIntent,
  stepIntent,
  type IntentRecord,
} from './intents';

export interface ApplyChangeInput extends ChangeInput {
  log: EffectLogger;
  /** The engine's effects, approval seam and fault points (`documents.afterEffects`, `documents.beforeWrite`). */
  engine: DocumentServices;
  /** A transition's guard, checked again on each counter it bounds, at the value the counter moves from. */
  counterGuard?: CounterGuard;
}

interface CounterStep {
  lookups: CompiledLookup[];
  deltas: CounterDelta[];
  guard?: CounterGuard;
}

/** The counters this change moves, by the latest definition of the type (every version's documents count alike). */
async function counterStep(input: ApplyChangeInput, planned: PlannedChange): Promise<CounterStep | null> {
  const latest = await input.engine.definitions.latest(input.current.type);
  if (latest.counters.length === 0) return null;
  const deltas = counterDeltas(latest.counters, input.current, projectedDocument(input.current, planned));
  return deltas.length === 0 ? null : { lookups: latest.counters, deltas, guard: input.counterGuard };
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
        turns: ctx.engine.counterTurns,
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
  return new AppError(
    'VERSION_CONFLICT',
    `The change of ${intent.type}/${intent.docId} took too long and was undone; reload and try again.`,
    {
      extra: { reason: 'taken_over' },
    },
  );
}

async function runBeforeCommit(
  engine: DocumentServices,
  intent: IntentRecord,
  doc: DocumentRecord,
  event: EventRecord,
  log: EffectLogger,
  now: () => Date,
  counting: CounterStep | null,
): Promise<void> {
  const { store } = engine;
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
      });
    } catch (err) {
      // The failing effect may have half-applied before failing for another reason: undo it too.
      await abandon(engine, intent, i + 1, log);
      throw err;
    }
  }
}

export async function applyChange(
  store: Store,
  input: ApplyChangeInput,
): Promise<{ doc: DocumentRecord; event: EventRecord }> {
  const { current, expectedVersion, log, engine } = input;
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
  await runBeforeCommit(engine, intent, projectedDocument(current, planned), planned.event, log, now, counting);
  await engine.faults.hit('documents.afterEffects', { intent });
  if (!(await stepIntent(store, intent, 'committing', now()))) {
    await abandon(engine, intent, intent.effects.length, log);
    throw takenOver(intent);
  }
  await engine.faults.hit('documents.beforeWrite', { intent });
  let result: { doc: DocumentRecord; event: EventRecord };
  try {
    result = await writeChange(store, current, expectedVersion, planned);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'VERSION_CONFLICT')) throw err; // unknown outcome: the sweep settles it
    if ((await committedIntent(store, current.type, current._id, intent.seq)) === intent._id) {
      await closeIntent(store, intent);
      throw inProgress(current.type, current._id);
    }
    await abandon(engine, intent, intent.effects.length, log);
    throw err;
  }
  await closeIntent(store, intent);
  if (counter)
    await settleCounters(store, counter).catch((err: unknown) =>
      log.error({ err, intent: intent._id }, 'settling lookup counter markers failed; they stay, harmless'),
    );
  await runEffects(engine, result.doc, result.event, log);
  return result;
}
