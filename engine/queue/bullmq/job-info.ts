import type { Job } from 'bullmq';
import type { JobInfo, JobState, QueueName } from '../types';

/** BullMQ has more waiting states than the port; they are all "waiting" to us. */
export function toPortState(state: string): JobState | null {
  switch (state) {
    case 'waiting':
    case 'wait':
    case 'prioritized':
    case 'waiting-children':
    case 'paused':
      return 'waiting';
    case 'delayed':
    case 'active':
    case 'completed':
    case 'failed':
      return state;
    default:
      return null;
  }
}

export function toJobInfo(job: Job, queue: QueueName, state: JobState): JobInfo {
  const info: JobInfo = {
    id: String(job.id),
    queue,
    name: job.name,
    data: job.data,
    state,
    attemptsMade: job.attemptsMade,
    progress: typeof job.progress === 'number' ? job.progress : 0,
  };
  if (job.returnvalue !== undefined && job.returnvalue !== null) info.result = job.returnvalue;
  if (job.failedReason && state !== 'completed') info.failedReason = job.failedReason;
  return info;
}
