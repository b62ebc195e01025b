// Intents: the outbox record of a change whose before-commit effects are being
// applied (apply-change.ts), kept in their own `outbox_intents` collection: it
// holds only changes in flight, so the compare-and-sets on it stay cheap however
// long the outbox of done effects grows (FerretDB scans a collection for any
// filter beyond `_id`). An intent exists only while its change is in flight:
//   pending      the effects are running (owner: the request holding `claim`)
//   committing   every effect applied; the owner is writing the change
//   compensating the change will not commit; its effects are being undone
// and it is deleted once the change committed or was fully compensated.
//
// A request that dies leaves its intent behind; the resume sweep
// (resumeIntents, run with the inventory sweep) takes over an intent whose claim
// is older than the lease and settles it:
// - the document has the intent's event: it committed — only the record goes;
// - `pending` or `compensating`: compensate every effect (each compensation is
//   idempotent and does nothing for an effect that never ran), so a request that
//   died before deciding to commit changes nothing, like one that was refused;
// - `committing`: the request had decided to commit — roll forward: write the
//   planned change with the same version guard (its effects are all applied), or,
//   if the document has moved on meanwhile, compensate.
// The owner and the sweep cannot both decide differently: each status change is a
// compare-and-set on the claim, and the owner refreshes its claim before every
// step, so a takeover only happens to an owner stalled longer than the lease (the
// same assumption as the inventory's operations). Two writers of one planned
// change (owner and sweep) are harmless: the version guard lets one win and the
// other finds the document carrying this intent's event.
import { createHash, randomUUID } from 'node:crypto';
import { AppError, DuplicateKeyError } from '../errors';
import type { Collection, Filter, Store, StoredDoc } from '../store/index';
import { projectedDocument, writeChange, type PlannedChange } from './commit-change';
import { documentsCollection, type DocumentRecord } from './document-record';
import { runEffects, type EffectLogger } from './effects';
import type { DocumentServices } from './services';
import { EVENTS_COLLECTION, eventId, type EffectRequest, type EventRecord } from './events';
import { messageError } from '../messages/index';

export const DEFAULT_INTENT_LEASE_MS = 30_000;
export const INTENTS_COLLECTION = 'outbox_intents';

export interface IntentDraft {
  _id: string;
  docId: string;
  type: string;
  seq: number;
  baseVersion: number;
  effects: EffectRequest[];
  planned: PlannedChange;
}

export interface IntentRecord extends StoredDoc {
  kind: 'intent';
  docId: string;
  type: string;
  /** The event seq (= document version) the change will have. */
  seq: number;
  baseVersion: number;
  status: 'pending' | 'committing' | 'compensating';
  claim: string;
  claimedAt: Date;
  /** The before-commit effects, in order, with their keys. */
  effects: EffectRequest[];
  planned: PlannedChange;
  createdAt: Date;
}

export interface IntentContext {
  store: Store;
  /** The engine whose effects compensate or roll forward (documents/services.ts). */
  engine: DocumentServices;
  log: EffectLogger;
  now?: () => Date;
  leaseMs?: number;
}

const intents = (store: Store): Collection<IntentRecord> => store.collection<IntentRecord>(INTENTS_COLLECTION);

/**
 * The resume sweep looks for claims older than the lease; the index keeps that a
 * range read of the stale few, not a scan of every change in flight.
 */
export async function ensureIntentIndexes(store: Store): Promise<void> {
  await intents(store).createIndex({ name: 'claimed_at', keys: { claimedAt: 1 } });
}

/**
 * Same change of the same version → same id, so a retry reuses the intent and
 * its effect keys; a different change raced on that version gets its own keys and
 * never replays (or undoes) the other's effects. Volatile parts (time, actor,
 * approval ids) are left out.
 */
export function intentIdOf(planned: PlannedChange): string {
  const { event } = planned;
  const basis = JSON.stringify([
    event.kind,
    event.transition ?? null,
    event.from,
    event.to,
    event.diff,
    event.effects.map((e) => [e.name, e.options ?? {}]),
  ]);
  const fingerprint = createHash('sha256').update(basis).digest('hex').slice(0, 16);
  return `intent:${event.docId}:${event.seq}:${fingerprint}`;
}

/** `${docId}:${seq}:${fingerprint}:${effect}`: the idempotency key of one before-commit effect. */
export const effectKey = (intentId: string, effect: string): string => `${intentId.slice('intent:'.length)}:${effect}`;

export function inProgress(type: string, docId: string): AppError {
  return messageError(
    'VERSION_CONFLICT.document_in_progress',
    { type, id: docId },
    { extra: { reason: 'in_progress' } },
  );
}

/** The intent id of the committed event `seq` of the document: undefined when nothing committed at `seq`. */
export async function committedIntent(
  store: Store,
  type: string,
  docId: string,
  seq: number,
): Promise<string | null | undefined> {
  const doc = await documentsCollection(store, type).findById(docId);
  if (!doc || doc.version < seq) return undefined;
  const id = eventId(docId, seq);
  const event =
    doc.pendingEvent?._id === id
      ? doc.pendingEvent
      : await store.collection<EventRecord>(EVENTS_COLLECTION).findById(id);
  return event ? (event.intent ?? null) : undefined;
}

/**
 * CAS on the owner's claim: refreshes it (and moves the status, and records the
 * change as its effects amended it). False when it was taken over.
 */
export async function stepIntent(
  store: Store,
  intent: IntentRecord,
  status: IntentRecord['status'],
  now: Date,
  planned?: PlannedChange,
): Promise<boolean> {
  const ok = await intents(store).updateOne(
    { _id: intent._id, claim: intent.claim },
    { $set: { status, claimedAt: now, ...(planned ? { planned } : {}) } },
  );
  if (ok) intent.status = status;
  if (ok && planned) intent.planned = planned;
  return ok;
}

/** What closing the intent deletes: only while its owner still holds the claim (else the sweep has it). */
export const intentClosing = (intent: IntentRecord): { collection: string; filter: Filter } => ({
  collection: INTENTS_COLLECTION,
  filter: { _id: intent._id, claim: intent.claim },
});

export async function closeIntent(store: Store, intent: IntentRecord): Promise<void> {
  const { filter } = intentClosing(intent);
  await intents(store).deleteOne(filter);
}

/** Undoes effects [0, upTo) newest first; each compensation is idempotent. */
export async function compensateIntent(
  engine: DocumentServices,
  intent: IntentRecord,
  upTo = intent.effects.length,
): Promise<void> {
  const { store } = engine;
  const current = await documentsCollection(store, intent.type).findById(intent.docId);
  // Compensations work by key; a document gone meanwhile still has its effects undone.
  const doc = projectedDocument(
    current ?? ({ _id: intent.docId, type: intent.type } as DocumentRecord),
    intent.planned,
  );
  for (const effect of intent.effects.slice(0, upTo).reverse()) {
    const compensate = engine.effects.compensation(effect.name);
    if (!compensate || !effect.key) continue;
    await compensate({
      store,
      engine,
      doc,
      event: intent.planned.event,
      effect: effect.name,
      options: effect.options ?? {},
      outboxId: effect.key,
    });
  }
}

/**
 * Writes the intent (step 1). An intent of the same change already there is a
 * duplicate request in flight, or one that died and waits for the sweep: 409
 * either way (the client retries; after the sweep the same keys are used again).
 */
export async function openIntent(store: Store, draft: IntentDraft): Promise<IntentRecord> {
  const now = new Date();
  try {
    return await intents(store).insertOne({
      ...draft,
      kind: 'intent',
      status: 'pending',
      claim: randomUUID(),
      claimedAt: now,
      createdAt: now,
    });
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw inProgress(draft.type, draft.docId);
    throw err;
  }
}

async function rollForward(ctx: IntentContext, intent: IntentRecord): Promise<void> {
  const current = await documentsCollection(ctx.store, intent.type).findById(intent.docId);
  if (current && current.version === intent.baseVersion) {
    try {
      const { doc, event } = await writeChange(ctx.store, current, intent.baseVersion, intent.planned);
      await closeIntent(ctx.store, intent);
      await runEffects(ctx.engine, doc, event, ctx.log);
      return;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'VERSION_CONFLICT')) throw err;
    }
  }
  if ((await committedIntent(ctx.store, intent.type, intent.docId, intent.seq)) === intent._id)
    return closeIntent(ctx.store, intent);
  // The document moved on without this change: it can no longer commit.
  if (!(await stepIntent(ctx.store, intent, 'compensating', (ctx.now ?? (() => new Date()))()))) return;
  await compensateIntent(ctx.engine, intent);
  await closeIntent(ctx.store, intent);
}

/** Settles an intent whose owner's claim expired: committed → drop it; committing → roll forward; else compensate. */
async function takeOverAndSettle(
  ctx: IntentContext,
  stale: IntentRecord,
  staleBefore: Date,
): Promise<'committed' | 'compensated' | 'lost'> {
  const now = (ctx.now ?? (() => new Date()))();
  const claim = randomUUID();
  // Still stale: an owner that refreshed its claim since the sweep looked keeps it.
  const intent = await intents(ctx.store).findOneAndUpdate(
    { _id: stale._id, claim: stale.claim, claimedAt: { $lte: staleBefore } },
    { $set: { claim, claimedAt: now } },
  );
  if (!intent) return 'lost';
  if ((await committedIntent(ctx.store, intent.type, intent.docId, intent.seq)) === intent._id) {
    await closeIntent(ctx.store, intent);
    return 'committed';
  }
  if (intent.status === 'committing') {
    await rollForward(ctx, intent);
    return (await committedIntent(ctx.store, intent.type, intent.docId, intent.seq)) === intent._id
      ? 'committed'
      : 'compensated';
  }
  if (!(await stepIntent(ctx.store, intent, 'compensating', now))) return 'lost';
  await compensateIntent(ctx.engine, intent);
  await closeIntent(ctx.store, intent);
  return 'compensated';
}

/** The sweep: settles every intent whose claim is older than the lease. Safe to run any number of times. */
export async function resumeIntents(
  ctx: IntentContext,
): Promise<Array<{ id: string; outcome: 'committed' | 'compensated' }>> {
  const now = (ctx.now ?? (() => new Date()))();
  const stale = new Date(now.getTime() - (ctx.leaseMs ?? DEFAULT_INTENT_LEASE_MS));
  const found = await intents(ctx.store).find({ claimedAt: { $lte: stale } }, { sort: { createdAt: 1 } });
  const settled: Array<{ id: string; outcome: 'committed' | 'compensated' }> = [];
  for (const intent of found) {
    try {
      const outcome = await takeOverAndSettle(ctx, intent, stale);
      if (outcome !== 'lost') settled.push({ id: intent._id, outcome });
    } catch (err) {
      // One intent that cannot be settled now (e.g. a compensation waiting on a live operation) must not hold up the others.
      ctx.log.error(
        { err, intent: intent._id, docId: intent.docId },
        'could not settle a change left in flight; the next sweep retries',
      );
    }
  }
  return settled;
}
