// The BullMQ adapter (REDIS_URL set). The engine process only enqueues
// (runWorkers false); `npm run workers` runs the processors (runWorkers true).
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import pino from 'pino';
import { newId } from '../../store/index';
import { checkRepeatOptions, errorMessage, isUnrecoverable, jobDefaults, resolveJobOptions } from '../job-options';
import { QUEUE_NAMES, type Processor, type QueueLogger, type QueueName, type QueuePort } from '../types';
import { toJobInfo, toPortState } from './job-info';
import { createProducer } from './producer';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Namespaces every Redis key (default `bull`). */
  prefix?: string;
  /** Create workers for process(); false in the engine process, which only enqueues. */
  runWorkers: boolean;
  /** Jobs of one queue a worker runs at the same time (default 1). */
  concurrency?: number;
  /**
   * How long a worker's lock on an active job lasts without renewal, and how
   * often stalled jobs are looked for (BullMQ default 30 s): a worker killed
   * mid-job has its job taken over by another after about this long.
   */
  lockMs?: number;
  /** How long a producer call waits for a (re)connecting Redis before failing (default 5000 ms). */
  connectTimeoutMs?: number;
  logger?: QueueLogger;
}

/** Completed jobs are kept this long, which is also how long a jobId dedupes (inline adapter: the same). */
const KEEP_COMPLETED_S = 7 * 24 * 3600;
const FAILED_LIST_LIMIT = 1000;
const RETRY_SCAN_LIMIT = 1000;

function jobOptionsFor(attempts: number, backoffMs: number): Omit<JobsOptions, 'jobId' | 'delay'> {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: KEEP_COMPLETED_S },
    // Failed jobs are the dead-letter list an admin looks at; never drop them.
    removeOnFail: false,
  };
}

/** The BullMQ adapter also hands its queues to bull-board (engine/operations/board.ts). */
export interface BullmqQueuePort extends QueuePort {
  readonly kind: 'bullmq';
  /** This adapter's BullMQ queue objects, one per queue name (opened on first use). */
  bullQueues(): Promise<Queue[]>;
}

export function createBullmqQueue(options: BullmqQueueOptions): BullmqQueuePort {
  const { redisUrl, runWorkers } = options;
  const prefix = options.prefix ?? 'bull';
  const logger = options.logger ?? pino({ name: 'queue' });
  const producer = createProducer({ redisUrl, connectTimeoutMs: options.connectTimeoutMs ?? 5000, logger });
  const queues = new Map<QueueName, Queue>();
  const workers = new Map<QueueName, Worker>();

  async function queueFor(name: QueueName): Promise<Queue> {
    await producer.ready();
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: producer.redis, prefix });
      queue.on('error', (err) => logger.error({ err, queue: name }, 'bullmq queue error'));
      queues.set(name, queue);
    }
    return queue;
  }

  function startWorker(name: QueueName, processor: Processor): Worker {
    const worker = new Worker(
      name,
      async (job: Job) => {
        try {
          return await processor({
            id: String(job.id),
            name: job.name,
            data: job.data,
            attempt: job.attemptsMade + 1,
            updateProgress: (percent) => job.updateProgress(percent),
          });
        } catch (err) {
          if (isUnrecoverable(err)) throw new UnrecoverableError(errorMessage(err));
          throw err;
        }
      },
      // Workers wait out a Redis outage instead of failing their blocking reads.
      {
        connection: { url: redisUrl, maxRetriesPerRequest: null },
        prefix,
        concurrency: options.concurrency ?? 1,
        ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
      },
    );
    worker.on('error', (err) => logger.error({ err, queue: name }, 'bullmq worker error'));
    worker.on('failed', (job, err) => {
      const context = { err, queue: name, jobId: job?.id, name: job?.name, attempt: job?.attemptsMade };
      logger.warn(context, 'job attempt failed');
    });
    return worker;
  }

  return {
    kind: 'bullmq',

    async enqueue(queue, name, data, jobOptions) {
      const resolved = resolveJobOptions(jobOptions);
      const q = await queueFor(queue);
      // Always our own id: BullMQ's counter ids would be integers, which the port refuses as jobIds.
      const jobId = resolved.jobId ?? newId();
      const job = await q.add(name, data ?? null, {
        ...jobOptionsFor(resolved.attempts, resolved.backoffMs),
        jobId,
        delay: resolved.delay > 0 ? resolved.delay : undefined,
      });
      return String(job.id ?? jobId);
    },

    async repeat(queue, name, data, repeatOptions) {
      checkRepeatOptions(repeatOptions);
      const q = await queueFor(queue);
      const every =
        repeatOptions.everyMs !== undefined ? { every: repeatOptions.everyMs } : { pattern: repeatOptions.cron };
      await q.upsertJobScheduler(repeatOptions.key, every, {
        name,
        data: data ?? null,
        opts: jobOptionsFor(jobDefaults.attempts, jobDefaults.backoffMs),
      });
    },

    async removeRepeat(queue, key) {
      const q = await queueFor(queue);
      await q.removeJobScheduler(key);
    },

    process(queue, processor) {
      if (!runWorkers) {
        logger.debug({ queue }, 'bullmq queue: not running workers in this process (npm run workers does)');
        return;
      }
      if (workers.has(queue)) throw new Error(`bullmq queue: a processor for ${queue} is already registered`);
      workers.set(queue, startWorker(queue, processor));
    },

    async getJob(queue, id) {
      const q = await queueFor(queue);
      // State first: the job's fields, read after, are at least as new, so a
      // completed job always shows its result (the other order can mix a new
      // state with the fields of the run before).
      const state = toPortState(await q.getJobState(id));
      const job = state ? await q.getJob(id) : undefined;
      return job && state ? toJobInfo(job, queue, state) : null;
    },

    async listFailed(queue) {
      const jobs = await (await queueFor(queue)).getFailed(0, FAILED_LIST_LIMIT - 1);
      return jobs.map((job) => toJobInfo(job, queue, 'failed'));
    },

    async retryFailed(queue, id) {
      const job = await (await queueFor(queue)).getJob(id);
      if (!job || (await job.getState()) !== 'failed') return false;
      try {
        // A fresh set of attempts, as the inline adapter does.
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return true;
      } catch (err) {
        // Someone else retried it between our read and the retry.
        if ((await job.getState()) !== 'failed') return false;
        throw err;
      }
    },

    async discardFailed(queue, id) {
      const job = await (await queueFor(queue)).getJob(id);
      if (!job || (await job.getState()) !== 'failed') return false;
      await job.remove();
      return true;
    },

    async counts(queue) {
      const q = await queueFor(queue);
      const raw = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
      // A retry waits out its backoff among the delayed jobs; those that failed
      // an attempt count as failed (looked at up to a bound: the view is for people).
      const delayedJobs = await q.getDelayed(0, RETRY_SCAN_LIMIT - 1);
      const retrying = delayedJobs.filter((job) => job.attemptsMade > 0).length;
      return {
        waiting: (raw.waiting ?? 0) + (raw.prioritized ?? 0),
        active: raw.active ?? 0,
        delayed: (raw.delayed ?? 0) - retrying,
        failed: retrying,
        dead: raw.failed ?? 0,
      };
    },

    bullQueues: () => Promise.all(QUEUE_NAMES.map((name) => queueFor(name))),

    async ping() {
      try {
        await producer.ready();
        return (await producer.redis.ping()) === 'PONG';
      } catch (err) {
        logger.warn({ err }, 'bullmq queue: Redis does not answer');
        return false;
      }
    },

    async close() {
      // Workers first: they finish their active jobs before closing.
      await Promise.all([...workers.values()].map((worker) => worker.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await producer.close();
    },
  };
}
