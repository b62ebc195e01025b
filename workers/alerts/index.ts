// The `alerts` queue's processor: dispatches on the job name. Approval SLA is the
// first kind; low stock and expiry alerts add their job names here.
import { APPROVAL_SLA_JOB } from '../../engine/approvals/sla';
import { UnrecoverableJobError, type JobContext, type Processor } from '../../engine/queue/types';
import type { WorkerDeps } from '../registry';
import { approvalSlaJob } from './approval-sla';
import { LOW_STOCK_SCAN_JOB } from '../../engine/replenishment/scan';
import { lowStockJob } from './low-stock';

type AlertJob = (job: JobContext) => Promise<unknown>;

export function createAlertsProcessor(deps: WorkerDeps): Processor {
  const jobs: Record<string, AlertJob> = {
    [APPROVAL_SLA_JOB]: approvalSlaJob(deps),
    [LOW_STOCK_SCAN_JOB]: lowStockJob(deps),
  };
  return async (job) => {
    const run = jobs[job.name];
    // A job nobody handles will never succeed: straight to the dead-letter list.
    if (!run) throw new UnrecoverableJobError(`the alerts queue has no job "${job.name}" (known: ${Object.keys(jobs).join(', ')})`);
    return run(job);
  };
}
