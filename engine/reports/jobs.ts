// The `reports` queue's jobs: `run` (one requested run), `scheduled` (one firing
// of a schedule) and `purge` (expired runs and files).
import { isUnrecoverable, UnrecoverableJobError, type JobContext } from '../queue/index';
import { executeRun, failRun, ReportRunError } from './execute';
import { purgeExpired } from './runs';
import { PURGE_JOB, RUN_ATTEMPTS, RUN_JOB, SCHEDULED_JOB, type ReportsDeps } from './service';
import { scheduledJob } from './scheduled-job';

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

/** The reports queue's jobs by name, for the engine's job registry. */
export function reportJobs(deps: Omit<ReportsDeps, 'queue'>): Record<string, Job> {
  return {
    [RUN_JOB]: runJob(deps),
    [SCHEDULED_JOB]: scheduledJob(deps),
    [PURGE_JOB]: async () => ({ purged: await purgeExpired(deps.store, deps.now()) }),
  };
}
