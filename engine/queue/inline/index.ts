// The inline queue: jobs run in this process, and every job is a document in the
// store's `jobs` collection, so a restart loses none. Loops sharing a store
// (several engine processes on one MongoDB) never run a job twice, but for real
// scale set REDIS_URL and use the BullMQ adapter.
import pino from 'pino';
import { DuplicateKeyError } from '../../errors';
import { newId, type Store } from '../../store/index';
import { checkRepeatOptions, jobDefaults, resolveJobOptions } from '../job-options';
import type { JobInfo, Processor, QueueLogger, QueueName, QueuePort } from '../types';
import { JOBS, toJobInfo, type JobDoc } from './job-doc';
import { requeueExpired, requeueOrphans } from './recover';
import { claimNext, runJob } from './run-job';
import { SCHEDULES, fireDueSchedules, tickJobId, upsertSchedule, type ScheduleDoc } from './schedules';

/** Injectable so tests move time forward instead of sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface InlineQueueOptions {
  store: Store;
  clock?: Clock;
  /** How often due jobs and schedules are looked for (default 1000 ms); new jobs start at once anyway. */
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

/** Completed jobs are kept this long, which is also how long a jobId dedupes (BullMQ adapter: the same). */
const KEEP_COMPLETED_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
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
  const processors = new Map<QueueName, Processor>();
  const running = new Map<QueueName, number>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  let lastPrune = -Infinity;
  let lastLeaseCheck = -Infinity;

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

  // The engine's server keeps the process alive; this timer alone should not.
  const timer = setInterval(() => wake(), options.pollMs ?? 1000);
  timer.unref();

  const ready = init();
  ready.catch((err: unknown) => {
    logger.error({ err }, 'inline queue: start-up failed; every queue call will fail');
    clearInterval(timer);
  });

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

  /** Shared stores only: this process renews its own leases, and an exclusive store has no other process. */
  async function requeueStalled(at: number): Promise<void> {
    if (exclusive || at - lastLeaseCheck < leaseMs / 2) return;
    lastLeaseCheck = at;
    const requeued = await requeueExpired(jobs, at);
    if (requeued > 0) logger.warn({ requeued }, 'inline queue: jobs whose runner stopped will run again');
  }

  async function prune(at: number): Promise<void> {
    if (at - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at;
    const removed = await jobs.deleteMany({ state: 'completed', finishedAt: { $lt: at - KEEP_COMPLETED_MS } });
    if (removed > 0) logger.debug({ removed }, 'inline queue: pruned old completed jobs');
  }

  function start(queue: QueueName, processor: Processor, doc: JobDoc): void {
    running.set(queue, (running.get(queue) ?? 0) + 1);
    const done: Promise<void> = runJob({ jobs, doc, processor, now, leaseMs, logger })
      .catch((err: unknown) => {
        // The job stays active: it runs again after a restart (or, on a shared store, once its lease runs out).
        logger.error({ err, queue, jobId: doc.jobId }, 'inline queue: could not record a job outcome');
      })
      .finally(() => {
        running.set(queue, (running.get(queue) ?? 1) - 1);
        inFlight.delete(done);
        if (!closed) wake();
      });
    inFlight.add(done);
  }

  async function pass(): Promise<number> {
    await ready;
    if (closed) return 0;
    const at = now();
    await fireDueSchedules({
      schedules,
      now: at,
      enqueueTick: (s) => {
        const jobId = tickJobId(s.key, s.nextRunAt);
        return insertJob(
          newJobDoc({ queue: s.queue, name: s.name, data: s.data, jobId, runAt: s.nextRunAt, ...jobDefaults }),
        );
      },
    });
    await requeueStalled(at);
    await prune(at);
    let started = 0;
    for (const [queue, processor] of processors) {
      while (!closed && (running.get(queue) ?? 0) < concurrency) {
        const doc = await claimNext({ jobs, queue, now: now(), leaseMs });
        if (!doc) break;
        start(queue, processor, doc);
        started += 1;
      }
    }
    return started;
  }

  // Passes run one at a time; asking while one is queued but not started joins it.
  let queued: Promise<number> | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  function requestPass(): Promise<number> {
    if (queued) return queued;
    const next = chain.then(() => {
      queued = null;
      return pass();
    });
    queued = next;
    // Only orders the passes: whoever awaits `next` reports its error.
    chain = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  function wake(): void {
    requestPass().catch((err: unknown) => logger.error({ err }, 'inline queue: looking for due jobs failed'));
  }

  async function runDue(): Promise<number> {
    const started = await requestPass();
    await Promise.all([...inFlight]);
    return started;
  }

  return {
    kind: 'inline',

    async enqueue(queue, name, data, jobOptions) {
      const resolved = resolveJobOptions(jobOptions);
      await ready;
      const jobId = resolved.jobId ?? newId();
      const { attempts, backoffMs } = resolved;
      await insertJob(newJobDoc({ queue, name, data, jobId, runAt: now() + resolved.delay, attempts, backoffMs }));
      if (processors.has(queue)) wake();
      return jobId;
    },

    async repeat(queue, name, data, repeatOptions) {
      checkRepeatOptions(repeatOptions);
      await ready;
      await upsertSchedule(schedules, { queue, name, data: data ?? null, options: repeatOptions, now: now() });
      wake();
    },

    async removeRepeat(queue, key) {
      await ready;
      await schedules.deleteOne({ queue, key });
    },

    process(queue, processor) {
      if (processors.has(queue)) throw new Error(`inline queue: a processor for ${queue} is already registered`);
      processors.set(queue, processor);
      wake();
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
      if (retried && processors.has(queue)) wake();
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

    runDue,

    async drain() {
      for (;;) {
        const started = await runDue();
        if (started === 0 && inFlight.size === 0) return;
      }
    },

    async close() {
      closed = true;
      clearInterval(timer);
      await chain;
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
