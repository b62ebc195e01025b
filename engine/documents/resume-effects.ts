// The resume sweep of the documents engine, run with the inventory sweep: first
// the intents of changes a dead request left in flight (intents.ts), then the
// after-commit effects whose inline run failed or never happened (the process
// died right after the commit): each pending outbox entry with a handler is
// claimed by a compare-and-set on its attempt count, so two sweeps never both run
// it, and retried until it succeeds or runs out of attempts (then `failed`, for an
// admin to look at).

import { documentsCollection } from './document-record';
import { runClaimedEffect } from './effects';
import { EVENTS_COLLECTION, OUTBOX_COLLECTION, settleDocument, type EventRecord, type OutboxRecord } from './events';
import { DEFAULT_INTENT_LEASE_MS, resumeIntents, type IntentContext } from './intents';

export const MAX_EFFECT_ATTEMPTS = 10;
const BATCH = 100;

async function resumeEntry(ctx: IntentContext, entry: OutboxRecord): Promise<void> {
  const outbox = ctx.store.collection<OutboxRecord>(OUTBOX_COLLECTION);
  const claimed = await outbox.findOneAndUpdate(
    { _id: entry._id, status: 'pending', attempts: entry.attempts },
    { $inc: { attempts: 1 } },
  );
  if (!claimed) return;
  const current = await documentsCollection(ctx.store, entry.type).findById(entry.docId);
  if (!current) return;
  const doc = await settleDocument(ctx.store, current);
  const event = await ctx.store.collection<EventRecord>(EVENTS_COLLECTION).findById(entry.eventId);
  const effect = event?.effects.find((e) => e.name === entry.effect);
  if (!event || !effect) return;
  const done = await runClaimedEffect(ctx.engine, { doc, event, effect, id: entry._id, log: ctx.log });
  if (!done && claimed.attempts >= MAX_EFFECT_ATTEMPTS) {
    await outbox.updateOne({ _id: entry._id, status: 'pending' }, { $set: { status: 'failed' } });
  }
}

/** After-commit effects left pending for longer than the lease; returns how many were tried. */
export async function resumePendingEffects(ctx: IntentContext): Promise<number> {
  const now = (ctx.now ?? (() => new Date()))();
  const stale = new Date(now.getTime() - (ctx.leaseMs ?? DEFAULT_INTENT_LEASE_MS));
  const pending = await ctx.store
    .collection<OutboxRecord>(OUTBOX_COLLECTION)
    .find(
      { status: 'pending', kind: { $exists: false }, createdAt: { $lte: stale } },
      { sort: { createdAt: 1 }, limit: BATCH },
    );
  let tried = 0;
  for (const entry of pending) {
    if (!ctx.engine.effects.handler(entry.effect)) continue;
    await resumeEntry(ctx, entry);
    tried += 1;
  }
  return tried;
}

export async function resumeDocumentChanges(ctx: IntentContext): Promise<void> {
  await resumeIntents(ctx);
  await resumePendingEffects(ctx);
}
