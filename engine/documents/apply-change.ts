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
// A change without before-commit effects is just steps 4–5.
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
import { runEffects, type EffectLogger, type EffectRegistry } from './effects';
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
}

function withKeys(registry: EffectRegistry, base: PlannedChange): { planned: PlannedChange; before: EffectRequest[] } {
  const id = intentIdOf(base);
  const effects = base.event.effects.map((e) =>
    registry.runsBeforeCommit(e) ? { ...e, key: effectKey(id, e.name), applied: true as const } : e,
  );
  const planned = { event: { ...base.event, effects, intent: id }, set: base.set };
  return { planned, before: effects.filter((e) => e.applied) };
}

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
): Promise<void> {
  const { store } = engine;
  for (const [i, effect] of intent.effects.entries()) {
    // The claim was just taken for the first effect; later ones refresh it first.
    if (i > 0 && !(await stepIntent(store, intent, 'pending', now()))) {
      await abandon(engine, intent, i, log);
      throw takenOver(intent);
    }
    const handler = engine.effects.handler(effect.name);
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
  if (!(input.event.effects ?? []).some((e) => engine.effects.runsBeforeCommit(e))) {
    const result = await commitChange(store, input);
    await runEffects(engine, result.doc, result.event, log);
    return result;
  }
  if (current.version !== expectedVersion)
    throw versionConflict(current.type, current._id, expectedVersion, current.version);
  const now = (): Date => new Date();
  const { planned, before } = withKeys(engine.effects, planChange(input));
  const intent = await openIntent(store, {
    _id: planned.event.intent as string,
    docId: current._id,
    type: current.type,
    seq: planned.event.seq,
    baseVersion: expectedVersion,
    effects: before,
    planned,
  });
  await runBeforeCommit(engine, intent, projectedDocument(current, planned), planned.event, log, now);
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
  await runEffects(engine, result.doc, result.event, log);
  return result;
}
