// Low stock within seconds of the move that crosses the line: a finished stock
// operation enqueues a `stock-check` job on the alerts queue for the product ×
// warehouse pairs it moved (job id from the operation key, so a replayed
// operation checks once). The periodic low-stock scan stays as the safety net,
// which is also why a failed enqueue is logged and never fails the operation.
import { createHash } from 'node:crypto';
import type { QueuePort } from '../queue/index';
import type { Store } from '../store/index';

export const STOCK_CHECK_JOB = 'stock-check';

interface Watch {
  queue: QueuePort;
  logger?: { error(obj: object, message: string): void };
}

const watches = new WeakMap<Store, Watch>();

export function installStockWatch(store: Store, queue: QueuePort, logger?: Watch['logger']): void {
  watches.set(store, { queue, logger });
}

export interface MovedPair {
  product: string;
  warehouse: string;
}

export async function stockMoved(store: Store, operationKey: string, moves: MovedPair[]): Promise<void> {
  const watch = watches.get(store);
  if (!watch || moves.length === 0) return;
  const pairs = [
    ...new Map(
      moves.map((m) => [`${m.product}\u0000${m.warehouse}`, { product: m.product, warehouse: m.warehouse }]),
    ).values(),
  ];
  const jobId = `stock-check-${createHash('sha256').update(operationKey).digest('hex').slice(0, 32)}`;
  try {
    await watch.queue.enqueue('alerts', STOCK_CHECK_JOB, { pairs }, { jobId });
  } catch (err) {
    watch.logger?.error({ err, operationKey }, 'stock check not enqueued; the periodic low-stock scan will catch it');
  }
}
