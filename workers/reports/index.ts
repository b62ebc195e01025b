// The `reports` queue's processor: `run` (one requested run), `scheduled` (one
// firing of a schedule) and `purge` (expired runs and files).
import { isUnrecoverable } from '../../engine/queue/job-options';
import { UnrecoverableJobError, type JobContext, type Processor } from '../../engine/queue/types';
import { executeRun, failRun, ReportRunError, purgeExpired, PURGE_JOB, RUN_ATTEMPTS, RUN_JOB, SCHEDULED_JOB, type ReportsDeps } from '../../engine/reports/index';
import { scheduledJob } from './scheduled';

type Job = (job: JobContext) => Promise<unknown>;

function runJob(deps: Omit<ReportsDeps, 'queue'>): Job {
  return async (job) => {
    const { runId } = job.data as { runId?: string };
    if (typeof runId !== 'string') throw new UnrecoverableJobError('run: data.runId is required');
    try {
      const run = await executeRun(deps, runId, (p) => job.updateProgress(p));
      return { runId, status: run.status };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = err instanceof ReportRunError || isUnrecoverable(err) || job.attempt >= RUN_ATTEMPTS;
      if (!final) throw err;
      await failRun(deps.store, runId, message, deps.now());
      throw new UnrecoverableJobError(message);
    }
  };
}

export function createReportsProcessor(deps: Omit<ReportsDeps, 'queue'>): Processor {
  const jobs: Record<string, Job> = {
    [RUN_JOB]: runJob(deps),
    [SCHEDULED_JOB]: scheduledJob(deps),
    [PURGE_JOB]: async () => ({ purged: await purgeExpired(deps.store, deps.now()) }),
  };
  return async (job) => {
    const run = jobs[job.name];
    if (!run) throw new UnrecoverableJobError(`the reports queue has no job "${job.name}" (known: ${Object.keys(jobs).join(', ')})`);
    return run(job);
  };
}
