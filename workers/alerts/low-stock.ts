// Alerts jobs `low-stock-scan` (the periodic safety net) and `stock-check` (the
// pairs one stock operation moved, enqueued as it finished): replenishment
// suggestions, draft requisitions and low-stock alerts for products below their
// reorder point (engine/replenishment).
import type { JobContext } from '../../engine/queue/types';
import { checkReplenishment } from '../../engine/replenishment/check';
import { scanReplenishment, type ScanReport } from '../../engine/replenishment/scan';
import type { WorkerDeps } from '../registry';

export function lowStockJob(deps: Pick<WorkerDeps, 'store' | 'now'>): (job: JobContext) => Promise<ScanReport> {
  return async () => scanReplenishment({ store: deps.store, now: new Date(deps.now()) });
}

export function stockCheckJob(deps: Pick<WorkerDeps, 'store' | 'now'>): (job: JobContext) => Promise<Record<string, number>> {
  return async (job) => {
    const { pairs } = job.data as { pairs?: Array<{ product: string; warehouse: string }> };
    const outcomes: Record<string, number> = {};
    for (const pair of pairs ?? []) {
      const outcome = await checkReplenishment({ store: deps.store, product: pair.product, warehouse: pair.warehouse, now: new Date(deps.now()) });
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    return outcomes;
  };
}
