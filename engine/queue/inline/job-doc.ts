import type { StoredDoc } from '../../store/index';
import type { JobInfo, QueueName } from '../types';

export const JOBS = 'jobs';

/** One job as stored in the `jobs` collection. Times are epoch milliseconds of the adapter's clock. */
export interface JobDoc extends StoredDoc {
  queue: QueueName;
  /** The id callers see; unique per queue. */
  jobId: string;
  name: string;
  data: unknown;
  /** `delayed` is not stored: it is a waiting job whose runAt is still ahead. */
  state: 'waiting' | 'active' | 'completed' | 'failed';
  runAt: number;
  attempts: number;
  backoffMs: number;
  attemptsMade: number;
  progress: number;
  result?: unknown;
  failedReason?: string;
  /** Set on each claim; outcomes are written only under the claim that produced them. */
  lockToken?: string;
  /** The process that claimed it (see recover.ts). */
  lockedBy?: string;
  /** The claim's lease: renewed while the job runs; once past, another loop may take the job over. */
  lockedUntil?: number;
  createdAt: number;
  updatedAt: number;
  startedAt?: number;
  finishedAt?: number;
}

export function toJobInfo(doc: JobDoc, now: number): JobInfo {
  const info: JobInfo = {
    id: doc.jobId,
    queue: doc.queue,
    name: doc.name,
    data: doc.data,
    state: doc.state === 'waiting' && doc.runAt > now ? 'delayed' : doc.state,
    attemptsMade: doc.attemptsMade,
    progress: doc.progress,
  };
  if (doc.result !== undefined && doc.result !== null) info.result = doc.result;
  if (doc.failedReason && doc.state !== 'completed') info.failedReason = doc.failedReason;
  return info;
}
