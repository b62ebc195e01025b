// The `notifications` queue's processor: dispatches on the job name. `deliver`
// sends the e-mail copy of an inbox entry; webhook deliveries add their job here.
import { UnrecoverableJobError, type JobContext, type Processor } from '../../engine/queue/types';
import { DELIVER_JOB } from '../../engine/notifications/index';
import { deliverJob, type DeliverDeps } from './deliver';

type Job = (job: JobContext) => Promise<unknown>;

export interface NotificationsDeps extends DeliverDeps {
  extraJobs?: Record<string, Job>;
}

export function createNotificationsProcessor(deps: NotificationsDeps): Processor {
  const jobs: Record<string, Job> = { [DELIVER_JOB]: deliverJob(deps), ...deps.extraJobs };
  return async (job) => {
    const run = jobs[job.name];
    if (!run) throw new UnrecoverableJobError(`the notifications queue has no job "${job.name}" (known: ${Object.keys(jobs).join(', ')})`);
    return run(job);
  };
}
