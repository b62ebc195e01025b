// Emitting an event: one delivery per active webhook subscribed to it, keyed by
// webhook × event id (so emitting the same event twice delivers once), and a
// `webhook` job on the notifications queue for each. One emitter per store,
// installed next to the queue (engine and `npm run workers` alike).
import { createHash } from 'node:crypto';
import { DuplicateKeyError } from '../errors';
import type { QueuePort } from '../queue/index';
import type { Store } from '../store/index';
import { deliveries, webhooks } from './service';

export const WEBHOOK_JOB = 'webhook';

export interface WebhookEvent {
  /** Stable id of what happened (e.g. the document event's id), for idempotency. */
  id: string;
  event: string;
  data: Record<string, unknown>;
  at: Date;
}

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

interface Emitter {
  queue: QueuePort;
  retry: RetryPolicy;
}

const emitters = new WeakMap<Store, Emitter>();

export function installWebhookEmitter(store: Store, queue: QueuePort, retry: RetryPolicy): void {
  emitters.set(store, { queue, retry });
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

export async function enqueueDelivery(store: Store, deliveryId: string, suffix = ''): Promise<void> {
  const emitter = emitters.get(store);
  if (!emitter) return;
  await emitter.queue.enqueue(
    'notifications',
    WEBHOOK_JOB,
    { deliveryId },
    { jobId: `webhook-${deliveryId}${suffix}`, attempts: emitter.retry.attempts, backoffMs: emitter.retry.backoffMs },
  );
}

/** Records and enqueues the deliveries of one event; returns how many webhooks it goes to. */
export async function emitWebhookEvent(store: Store, event: WebhookEvent): Promise<number> {
  if (!emitters.has(store)) return 0;
  const targets = await webhooks(store).find({ active: true, events: event.event });
  for (const hook of targets) {
    const id = `wd-${hash(`${hook._id}/${event.event}/${event.id}`)}`;
    const body = JSON.stringify({
      id: event.id,
      event: event.event,
      occurredAt: event.at.toISOString(),
      data: event.data,
    });
    try {
      await deliveries(store).insertOne({
        _id: id,
        webhook: hook._id,
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
    await enqueueDelivery(store, id);
  }
  return targets.length;
}
