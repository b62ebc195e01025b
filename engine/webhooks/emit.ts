// Emitting an event: one delivery per active webhook subscribed to it, keyed by
// webhook × event id (so emitting the same event twice delivers once), and a
// `webhook` job on the notifications queue for each. One emitter per engine
// (engine.outbound.emit), made with the queue it opened (engine and
// `npm run workers` alike).
import { createHash } from 'node:crypto';
import { DuplicateKeyError } from '../errors';
import type { OutboundEvent, QueuePort } from '../queue/index';
import type { Store } from '../store/index';
import { deliveries, WEBHOOKS, webhooks } from './service';

export const WEBHOOK_JOB = 'webhook';

export type WebhookEvent = OutboundEvent;

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Where deliveries are enqueued, and how often they are tried. */
export interface Emitter {
  queue: QueuePort;
  retry: RetryPolicy;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

export async function enqueueDelivery(emitter: Emitter, deliveryId: string, suffix = ''): Promise<void> {
  await emitter.queue.enqueue(
    'notifications',
    WEBHOOK_JOB,
    { deliveryId },
    { jobId: `webhook-${deliveryId}${suffix}`, attempts: emitter.retry.attempts, backoffMs: emitter.retry.backoffMs },
  );
}

/** Records and enqueues the deliveries of one event; returns how many webhooks it goes to. */
export async function emitWebhookEvent(store: Store, emitter: Emitter, event: WebhookEvent): Promise<number> {
  // Kept until `webhooks` is next written where only this process writes the store (as publishEffects).
  const read = async () => (await webhooks(store).find({ active: true, events: event.event })).map((h) => h._id);
  const targets = store.readThrough ? await store.readThrough(WEBHOOKS, `targets:${event.event}`, read) : await read();
  for (const hookId of targets) {
    const id = `wd-${hash(`${hookId}/${event.event}/${event.id}`)}`;
    const body = JSON.stringify({
      id: event.id,
      event: event.event,
      occurredAt: event.at.toISOString(),
      data: event.data,
    });
    try {
      await deliveries(store).insertOne({
        _id: id,
        webhook: hookId,
        event: event.event,
        eventId: event.id,
        body,
        status: 'pending',
        attempts: [],
        redeliveries: 0,
        createdAt: event.at,
      });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    await enqueueDelivery(emitter, id);
  }
  return targets.length;
}

/** The engine's `outbound.emit`: events of this store to its webhooks, through this queue. */
export function createWebhookEmitter(store: Store, emitter: Emitter): (event: WebhookEvent) => Promise<number> {
  return (event) => emitWebhookEvent(store, emitter, event);
}
