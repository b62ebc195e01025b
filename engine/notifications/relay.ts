// The notices' relay, a repeatable job of the `outbox` queue: inbox entries
// still marked `pendingDelivery` after the lease — their `deliver` job was never
// enqueued because the enqueue failed or the process died right after the inbox
// write — get it now. The job id is derived from the entry, so an entry whose job
// exists (waiting, running, or dead) is not enqueued twice; the deliver job
// clears the mark when it sends, skips, or fails for good.
import type { QueuePort } from '../queue/index';
import type { Store } from '../store/index';
import { enqueueDelivery } from './delivery';
import { NOTIFICATIONS_COLLECTION, type NotificationDoc } from './service';

export const NOTICE_RELAY_JOB = 'notice-relay';
const BATCH = 200;

export async function relayUndeliveredNotices(input: {
  store: Store;
  queue: QueuePort;
  now: Date;
  leaseMs: number;
}): Promise<{ relayed: number }> {
  const stale = new Date(input.now.getTime() - input.leaseMs);
  const entries = await input.store
    .collection<NotificationDoc>(NOTIFICATIONS_COLLECTION)
    .find(
      { pendingDelivery: true, createdAt: { $lte: stale } },
      { sort: { createdAt: 1 }, limit: BATCH, projection: { _id: 1 } },
    );
  for (const entry of entries) await enqueueDelivery(input.queue, entry._id);
  return { relayed: entries.length };
}
