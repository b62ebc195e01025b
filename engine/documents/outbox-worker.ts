// The outbox worker: the `outbox-deliver` job of the `outbox` queue delivers one
// outbox entry (an after-commit effect, a webhook publication) that did not
// complete right after its commit. It is handed the entry when the inline run
// fails; the resume sweep (resume-effects.ts) remains the safety net for entries
// whose process died before handing them over. A run claims the entry by a
// compare-and-set on its attempt count, so the sweep, the job and a redelivery
// never run it at the same time, and a done entry is never run again. Each
// failure throws, so the queue retries with exponential backoff; the last one
// marks the entry `failed` and leaves the job in the dead-letter list, where an
// admin retries it (the entry runs again) or discards it.
import { createHash } from 'node:crypto';
import { UnrecoverableJobError, type JobContext } from '../queue/index';
import { documentsCollection } from './document-record';
import { runClaimedEffect, type EffectLogger } from './effects';
import { EVENTS_COLLECTION, OUTBOX_COLLECTION, settleDocument, type EventRecord, type OutboxRecord } from './events';
import type { DocumentServices } from './services';

export const OUTBOX_DELIVER_JOB = 'outbox-deliver';
/** The first retry waits as long as the sweep's lease: a handler that just failed is rarely fixed at once. */
export const OUTBOX_RETRY = { attempts: 6, backoffMs: 30_000 } as const;

/** Queue job ids may not contain ':' (BullMQ), and outbox ids do. */
export const outboxJobId = (entryId: string): string =>
  `outbox-${createHash('sha256').update(entryId).digest('hex').slice(0, 40)}`;

/** Hands an entry to the outbox worker; a failure to enqueue is logged (the sweep still finds the entry). */
export async function handToOutboxWorker(engine: DocumentServices, entryId: string, log: EffectLogger): Promise<void> {
  try {
    await engine.queue.enqueue(
      'outbox',
      OUTBOX_DELIVER_JOB,
      { id: entryId },
      { jobId: outboxJobId(entryId), delay: OUTBOX_RETRY.backoffMs, ...OUTBOX_RETRY },
    );
  } catch (err) {
    log.error({ err, outboxId: entryId }, 'could not hand the outbox entry to the worker; the sweep will find it');
  }
}

export type OutboxDeliverResult = { id: string; status: 'done' | 'already-done' | 'gone' };

export async function deliverOutboxEntry(
  engine: DocumentServices,
  job: Pick<JobContext, 'data' | 'attempt'>,
  log: EffectLogger,
  attempts: number = OUTBOX_RETRY.attempts,
): Promise<OutboxDeliverResult> {
  const { id } = job.data as { id?: unknown };
  if (typeof id !== 'string') throw new UnrecoverableJobError('outbox-deliver: data.id must be an outbox entry id');
  const outbox = engine.store.collection<OutboxRecord>(OUTBOX_COLLECTION);
  const entry = await outbox.findById(id);
  if (!entry) return { id, status: 'gone' };
  if (entry.status === 'done') return { id, status: 'already-done' };
  if (!engine.effects.handler(entry.effect)) throw new Error(`no handler registered for the effect ${entry.effect}`);
  // A failed entry runs again only when an admin retried its dead job: it is pending again from here.
  const claimed = await outbox.findOneAndUpdate(
    { _id: id, status: entry.status, attempts: entry.attempts },
    { $set: { status: 'pending' }, $inc: { attempts: 1 } },
  );
  if (!claimed) throw new Error(`outbox entry ${id} is being run by someone else; trying again later`);
  const current = await documentsCollection(engine.store, entry.type).findById(entry.docId);
  const event = await engine.store.collection<EventRecord>(EVENTS_COLLECTION).findById(entry.eventId);
  const effect = event?.effects.find((e) => e.name === entry.effect);
  if (!current || !event || !effect) {
    await outbox.updateOne({ _id: id }, { $set: { status: 'failed', lastError: 'document or event missing' } });
    throw new UnrecoverableJobError(`outbox entry ${id}: its document or event is missing`);
  }
  const doc = await settleDocument(engine.store, current);
  if (await runClaimedEffect(engine, { doc, event, effect, id, log })) return { id, status: 'done' };
  const failed = await outbox.findById(id);
  if (job.attempt >= attempts) await outbox.updateOne({ _id: id, status: 'pending' }, { $set: { status: 'failed' } });
  throw new Error(`outbox entry ${id} (${entry.effect}): ${failed?.lastError ?? 'failed'}`);
}
