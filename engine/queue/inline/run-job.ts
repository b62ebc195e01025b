// Claiming and running one inline job. A claim is a compare-and-set from
// waiting to active, so two loops over the same store never run a job twice;
// the outcome is written under the claim's token for the same reason.
import { newId, type Collection, type Update } from '../../store/index';
import { backoffDelay, errorMessage, isUnrecoverable } from '../job-options';
import type { Processor, QueueLogger, QueueName } from '../types';
import type { JobDoc } from './job-doc';
import { processOwner } from './recover';

/** What a claim sets on a job: active, owned by this process under a new token, for one lease. */
export function claimFields(now: number, leaseMs: number) {
  return {
    state: 'active',
    lockToken: newId(),
    lockedBy: processOwner,
    lockedUntil: now + leaseMs,
    startedAt: now,
    updatedAt: now,
  } as const;
}

/** The oldest due job of a queue, now active and owned by the caller, or null. */
export async function claimNext(input: {
  jobs: Collection<JobDoc>;
  queue: QueueName;
  now: number;
  leaseMs: number;
}): Promise<JobDoc | null> {
  const { jobs, queue, now, leaseMs } = input;
  const candidates = await jobs.find(
    { queue, state: 'waiting', runAt: { $lte: now } },
    { sort: { runAt: 1, _id: 1 }, limit: 5, projection: { _id: 1 } },
  );
  for (const candidate of candidates) {
    const claimed = await jobs.findOneAndUpdate(
      { _id: candidate._id, state: 'waiting', runAt: { $lte: now } },
      { $set: claimFields(now, leaseMs) },
    );
    if (claimed) return claimed;
  }
  return null;
}

interface RunInput {
  jobs: Collection<JobDoc>;
  doc: JobDoc;
  processor: Processor;
  now: () => number;
  leaseMs: number;
  logger: QueueLogger;
}

export async function runJob(input: RunInput): Promise<void> {
  const { jobs, doc, processor, now, leaseMs, logger } = input;
  const mine = { _id: doc._id, state: 'active', lockToken: doc.lockToken };
  const heartbeat = setInterval(() => {
    jobs.updateOne(mine, { $set: { lockedUntil: now() + leaseMs } }).catch((err: unknown) => {
      logger.error({ err, queue: doc.queue, jobId: doc.jobId }, 'inline queue: could not renew a job lease');
    });
  }, leaseMs / 3);
  heartbeat.unref();
  let outcome: Update;
  try {
    const result = await processor({
      id: doc.jobId,
      name: doc.name,
      data: doc.data,
      attempt: doc.attemptsMade + 1,
      updateProgress: async (percent) => {
        await jobs.updateOne(mine, { $set: { progress: percent, updatedAt: now() } });
      },
    });
    outcome = completed(result, now());
  } catch (err) {
    outcome = failed(input, err);
  } finally {
    clearInterval(heartbeat);
  }
  if (!(await jobs.updateOne(mine, outcome))) {
    logger.warn(
      { queue: doc.queue, jobId: doc.jobId },
      'inline queue: job was taken over after its lease ran out; this outcome is dropped',
    );
  }
}

const unlock = { lockToken: '', lockedBy: '', lockedUntil: '' } as const;

function completed(result: unknown, at: number): Update {
  return {
    $set: { state: 'completed', result: result ?? null, finishedAt: at, updatedAt: at },
    $unset: { failedReason: '', ...unlock },
    $inc: { attemptsMade: 1 },
  };
}

function failed({ doc, now, logger }: RunInput, err: unknown): Update {
  const at = now();
  const attemptsMade = doc.attemptsMade + 1;
  const failedReason = errorMessage(err);
  const context = { err, queue: doc.queue, jobId: doc.jobId, name: doc.name, attempt: attemptsMade };
  if (isUnrecoverable(err) || attemptsMade >= doc.attempts) {
    logger.warn(context, 'job failed for good; it is in the failed list');
    return {
      $set: { state: 'failed', failedReason, finishedAt: at, updatedAt: at },
      $unset: unlock,
      $inc: { attemptsMade: 1 },
    };
  }
  const runAt = at + backoffDelay(doc.backoffMs, attemptsMade);
  logger.info({ ...context, retryAt: runAt }, 'job failed; will retry');
  return { $set: { state: 'waiting', runAt, failedReason, updatedAt: at }, $unset: unlock, $inc: { attemptsMade: 1 } };
}
