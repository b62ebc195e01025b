// Low stock within seconds of the move that crosses the line: a finished stock
// operation enqueues a `stock-check` job on the alerts queue for the product ×
// warehouse pairs it moved (job id from the operation key, so a replayed
// operation checks once). The periodic low-stock scan stays as the safety net,
// which is also why a failed enqueue is logged and never fails the operation.
// One watch per engine (engine.outbound.stockMoved), made with the queue it
// opened; the inventory runner gets it in its context.
import { createHash } from 'node:crypto';
import type { MovedPair, QueuePort } from '../queue/index';

export const STOCK_CHECK_JOB = 'stock-check';

interface Watch {
  queue: QueuePort;
  logger?: { error(obj: object, message: string): void };
}

export type { MovedPair };

/** The engine's `outbound.stockMoved`: one `stock-check` job per finished operation. */
export function createStockWatch(
  queue: QueuePort,
  logger?: Watch['logger'],
): (operationKey: string, moves: MovedPair[]) => Promise<void> {
  return (operationKey, moves) => stockMoved({ queue, logger }, operationKey, moves);
}

async function stockMoved(watch: Watch, operationKey: string, moves: MovedPair[]): Promise<void> {
  if (moves.length === 0) return;
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
