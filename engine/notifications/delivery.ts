// How a new inbox entry reaches the other channels (e-mail, webhooks): the inbox
// entry is written first (it is the record, and its `pendingDelivery` mark is its
// outbox entry, written in the same insert), then a `deliver` job is enqueued on
// the `notifications` queue with an id derived from the entry's, so writing the
// same notice twice never sends it twice. If the enqueue fails or the process
// dies in between, the relay (relay.ts) enqueues it later. One dispatcher per
// engine (engine.outbound.dispatch): the engine and `npm run workers` each make
// theirs with the queue they opened.
import { createHash } from 'node:crypto';
import type { FaultSeam } from '../faults/index';
import type { QueuePort } from '../queue/index';

export const DELIVER_JOB = 'deliver';

export type Dispatcher = (notificationIds: string[]) => Promise<void>;

/** Queue job ids may not contain ':' (BullMQ), and inbox ids do: hash them. */
export const deliverJobId = (notificationId: string): string =>
  `deliver-${createHash('sha256').update(notificationId).digest('hex').slice(0, 40)}`;

export const DELIVER_ATTEMPTS = 5;

/** What an entry records as its e-mail's outcome when the engine has no mail server. */
export const NO_MAIL_SERVER = 'SMTP_URL is not set';

/** Enqueues the delivery of one inbox entry (a no-op when its job already exists). */
export async function enqueueDelivery(queue: QueuePort, id: string): Promise<void> {
  await queue.enqueue(
    'notifications',
    DELIVER_JOB,
    { id },
    { jobId: deliverJobId(id), attempts: DELIVER_ATTEMPTS, backoffMs: 5000 },
  );
}

/** The engine's dispatcher: enqueues the delivery of each new inbox entry. */
export function createDispatcher(queue: QueuePort, faults?: FaultSeam): Dispatcher {
  return async (ids) => {
    await faults?.hit('notifications.beforeDispatch', { ids });
    for (const id of ids) await enqueueDelivery(queue, id);
  };
}
