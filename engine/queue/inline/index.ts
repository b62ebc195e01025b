// The inline queue: jobs run in this process, and every job is a document in the
// store's `jobs` collection, so a restart loses none. Loops sharing a store
// (several engine processes on one MongoDB) never run a job twice, but for real
// scale set REDIS_URL and use the BullMQ adapter.
import pino from 'pino';
import { DuplicateKeyError } from '../../errors';
import { newId, type Store } from '../../store/index';
import { checkRepeatOptions, jobDefaults, resolveJobOptions } from '../job-options';
import type { JobInfo, QueueLogger, QueueName, QueuePort } from '../types';
import { JOBS, toJobInfo, type JobDoc } from './job-doc';
import { createPasses } from './passes';
import { requeueOrphans } from './recover';
import { claimFields } from './run-job';
import { SCHEDULES, tickJobId, upsertSchedule, type ScheduleDoc } from './schedules';

/** Injectable so tests move time forward instead of sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface InlineQueueOptions {
  store: Store;
  clock?: Clock;
  /**
   * How often every queue is looked at for due jobs, with the schedules (default
   * 1000 ms): this starts delayed jobs, retries after their backoff and schedule
   * ticks. A new job, or the next of a queue's backlog, starts at once anyway.
   */
  pollMs?: number;
  /** Jobs of one queue run at the same time (default 1). */
  concurrency?: number;
  /** A running job's claim lasts this long and is renewed while it runs (default 30 s). */
  leaseMs?: number;
  /**
   * Whether no other process can use this store (default: true for the embedded
   * store, which locks its directory). Then jobs another process left active are
   * requeued at start instead of after their lease.
   */
  exclusive?: boolean;
  logger?: QueueLogger;
}

export interface InlineQueue extends QueuePort {
  readonly kind: 'inline';
  /** Fires due schedules, starts every due job a processor is registered for and waits for them; returns how many started. */
  runDue(): Promise<number>;
  /** Repeats runDue until nothing is due and nothing runs (tests, shutdown). */
  drain(): Promise<void>;
}

const FAILED_LIST_LIMIT = 1000;

export function createInlineQueue(options: InlineQueueOptions): InlineQueue {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  const concurrency = options.concurrency ?? 1;
  const leaseMs = options.leaseMs ?? 30_000;
  const exclusive = options.exclusive ?? store.kind === 'embedded';
  const logger = options.logger ?? pino({ name: 'queue' });
  const jobs = store.collection<JobDoc>(JOBS);
  const schedules = store.collection<ScheduleDoc>(SCHEDULES);

  async function init(): Promise<void> {
    await jobs.createIndex({ name: 'jobs_queue_jobId', keys: { queue: 1, jobId: 1 }, unique: true });
    await jobs.createIndex({ name: 'jobs_due', keys: { queue: 1, state: 1, runAt: 1 } });
    await jobs.createIndex({ name: 'jobs_lease', keys: { state: 1, lockedUntil: 1 } });
    await schedules.createIndex({ name: 'job_schedules_queue_key', keys: { queue: 1, key: 1 }, unique: true });
    await schedules.createIndex({ name: 'job_schedules_next', keys: { nextRunAt: 1 } });
    if (!exclusive) return;
    const requeued = await requeueOrphans(jobs, now());
    if (requeued > 0) logger.warn({ requeued }, 'inline queue: jobs interrupted by a restart will run again');
  }

  const ready = init();

  async function insertJob(doc: Omit<JobDoc, '_id'>): Promise<void> {
    try {
      await jobs.insertOne(doc);
    } catch (err) {
      // The unique (queue, jobId) index makes a repeated enqueue a no-op.
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }

  function newJobDoc(input: {
    queue: QueueName;
    name: string;
    data: unknown;
    jobId: string;
    runAt: number;
    attempts: number;
    backoffMs: number;
  }): Omit<JobDoc, '_id'> {
    const at = now();
    return {
      ...input,
      data: input.data ?? null,
      state: 'waiting',
      attemptsMade: 0,
      progress: 0,
      createdAt: at,
      updatedAt: at,
    };
  }

  const passes = createPasses({
    jobs,
    schedules,
    ready,
    now,
    concurrency,
    leaseMs,
    exclusive,
    logger,
    enqueueTick: (s) => {
      const jobId = tickJobId(s.key, s.nextRunAt);
      return insertJob(
        newJobDoc({ queue: s.queue, name: s.name, data: s.data, jobId, runAt: s.nextRunAt, ...jobDefaults }),
      );
    },
  });

  // Only the poll's full pass starts what comes due with time (see passes.ts).
  // The engine's server keeps the process alive; this timer alone should not.
  const timer = setInterval(() => passes.wake('all'), options.pollMs ?? 1000);
  timer.unref();
  ready.catch((err: unknown) => {
    logger.error({ err }, 'inline queue: start-up failed; every queue call will fail');
    clearInterval(timer);
  });

  return {
    kind: 'inline',

    async enqueue(queue, name, data, jobOptions) {
      const resolved = resolveJobOptions(jobOptions);
      await ready;
      const jobId = resolved.jobId ?? newId();
      const { attempts, backoffMs } = resolved;
      const doc = newJobDoc({ queue, name, data, jobId, runAt: now() + resolved.delay, attempts, backoffMs });
      // A free slot and nothing older due: inserted already claimed and started, without a
      // pass's query and claim (two of a job's five store calls).
      const processor = resolved.delay === 0 ? passes.takeSlot(queue) : null;
      if (!processor) {
        await insertJob(doc);
        if (passes.has(queue)) passes.wake(queue);
        return jobId;
      }
      let claimed: JobDoc;
      try {
        claimed = await jobs.insertOne({ ...doc, ...claimFields(now(), leaseMs) });
      } catch (err) {
        passes.release(queue);
        if (!(err instanceof DuplicateKeyError)) throw err;
        return jobId;
      }
      passes.launch(queue, processor, claimed);
      return jobId;
    },

    async repeat(queue, name, data, repeatOptions) {
      checkRepeatOptions(repeatOptions);
      await ready;
      await upsertSchedule(schedules, { queue, name, data: data ?? null, options: repeatOptions, now: now() });
      passes.wake('all');
    },

    async removeRepeat(queue, key) {
      await ready;
      await schedules.deleteOne({ queue, key });
    },

    process(queue, processor) {
      passes.register(queue, processor);
      passes.wake('all');
    },

    async getJob(queue, id) {
      await ready;
      const doc = await jobs.findOne({ queue, jobId: id });
      return doc ? toJobInfo(doc, now()) : null;
    },

    async listFailed(queue): Promise<JobInfo[]> {
      await ready;
      const docs = await jobs.find({ queue, state: 'failed' }, { sort: { finishedAt: -1 }, limit: FAILED_LIST_LIMIT });
      return docs.map((doc) => toJobInfo(doc, now()));
    },

    async retryFailed(queue, id) {
      await ready;
      const at = now();
      // A fresh set of attempts, as the BullMQ adapter does.
      const retried = await jobs.updateOne(
        { queue, jobId: id, state: 'failed' },
        {
          $set: { state: 'waiting', runAt: at, attemptsMade: 0, progress: 0, updatedAt: at },
          $unset: { failedReason: '', finishedAt: '', result: '' },
        },
      );
      if (retried && passes.has(queue)) passes.wake(queue);
      return retried;
    },

    async discardFailed(queue, id) {
      await ready;
      return (await jobs.deleteOne({ queue, jobId: id, state: 'failed' })) === true;
    },

    async counts(queue) {
      await ready;
      const at = now();
      const count = (filter: Record<string, unknown>): Promise<number> => jobs.count({ queue, ...filter });
      // A job that failed an attempt waits out its backoff as `waiting`; it counts as failed, not waiting.
      const [waiting, delayed, failed, active, dead] = await Promise.all([
        count({ state: 'waiting', runAt: { $lte: at }, attemptsMade: 0 }),
        count({ state: 'waiting', runAt: { $gt: at }, attemptsMade: 0 }),
        count({ state: 'waiting', attemptsMade: { $gt: 0 } }),
        count({ state: 'active' }),
        count({ state: 'failed' }),
      ]);
      return { waiting, active, delayed, failed, dead };
    },

    ping: () => store.ping(),

    runDue: () => passes.runDue(),

    async drain() {
      for (;;) {
        const started = await passes.runDue();
        if (started === 0 && passes.idle()) return;
      }
    },

    async close() {
      clearInterval(timer);
      await passes.close();
    },
  };
}
