// Alerts job `low-stock-scan`: replenishment suggestions, draft requisitions and
// low-stock alerts for products below their reorder point (engine/replenishment).
import type { JobContext } from '../../engine/queue/types';
import { scanReplenishment, type ScanReport } from '../../engine/replenishment/scan';
import type { WorkerDeps } from '../registry';

export function lowStockJob(deps: Pick<WorkerDeps, 'store' | 'now'>): (job: JobContext) => Promise<ScanReport> {
  return async () => scanReplenishment({ store: deps.store, now: new Date(deps.now()) });
}
