// The `alerts` queue's processor: dispatches on the job name. Approval SLA, the
// low-stock scan (safety net) and the per-move stock check, then one scan job
// per registered alert kind (expiring batches, overdue deliveries).
import { ALERT_KINDS, type AlertKind } from '../../engine/alerts/index';
import { APPROVAL_SLA_JOB } from '../../engine/approvals/sla';
import { STOCK_CHECK_JOB } from '../../engine/alerts/index';
import { UnrecoverableJobError, type JobContext, type Processor } from '../../engine/queue/types';
import { LOW_STOCK_SCAN_JOB } from '../../engine/replenishment/scan';
import type { WorkerDeps } from '../registry';
import { approvalSlaJob } from './approval-sla';
import { lowStockJob, stockCheckJob } from './low-stock';

type AlertJob = (job: JobContext) => Promise<unknown>;

export function createAlertsProcessor(deps: Pick<WorkerDeps, 'store' | 'now'>, kinds: AlertKind[] = ALERT_KINDS): Processor {
  const jobs: Record<string, AlertJob> = {
    [APPROVAL_SLA_JOB]: approvalSlaJob(deps),
    [LOW_STOCK_SCAN_JOB]: lowStockJob(deps),
    [STOCK_CHECK_JOB]: stockCheckJob(deps),
    ...Object.fromEntries(kinds.map((kind) => [kind.job, async () => kind.scan({ store: deps.store, now: new Date(deps.now()) })])),
  };
  return async (job) => {
    const run = jobs[job.name];
    // A job nobody handles will never succeed: straight to the dead-letter list.
    if (!run) throw new UnrecoverableJobError(`the alerts queue has no job "${job.name}" (known: ${Object.keys(jobs).join(', ')})`);
    return run(job);
  };
}
