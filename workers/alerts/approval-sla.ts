// Alerts job `approval-sla`: the approval SLA scan (engine/approvals/sla.ts) with
// the worker's clock, so tests run it at any simulated time.
import { scanApprovalSla, type SlaReport } from '../../engine/approvals/sla';
import type { JobContext } from '../../engine/queue/types';
import type { WorkerDeps } from '../registry';

export function approvalSlaJob(deps: Pick<WorkerDeps, 'store' | 'now'>): (job: JobContext) => Promise<SlaReport> {
  return async () => scanApprovalSla({ store: deps.store, now: new Date(deps.now()) });
}
