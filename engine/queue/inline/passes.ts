// The inline queue's passes: one pass claims due jobs and starts them. Passes
// run one at a time (a chain), so this process never claims past a queue's
// concurrency and never claims one job twice.
//
// A pass is full (fire due schedules, requeue stalled claims, prune, claim from
// every queue) or targeted (claim only from the named queues). An event wakes a
// targeted pass: an enqueue to Q or a job of Q finishing changes what is due on
// Q only, and scanning every queue and the schedules for each of them was most
// of a request's store calls. What comes due with time instead — a delayed job,
// a retry after its backoff, a schedule's tick, another process's job — is the
// poll timer's full pass, as it always was.
import type { Collection } from '../../store/index';
import type { Processor, QueueLogger, QueueName } from '../types';
import type { JobDoc } from './job-doc';
import { requeueExpired } from './recover';
import { claimNext, runJob } from './run-job';
import { fireDueSchedules, type ScheduleDoc } from './schedules';

/** 'all' asks for a full pass; a queue name for a pass that only claims from that queue. */
export type PassScope = 'all' | QueueName;

export interface PassesOptions {
  jobs: Collection<JobDoc>;
  schedules: Collection<ScheduleDoc>;
  /** Passes wait for the queue's start-up (indexes, orphan requeue). */
  ready: Promise<void>;
  now: () => number;
  concurrency: number;
  leaseMs: number;
  exclusive: boolean;
  logger: QueueLogger;
  /** Enqueues the job of a schedule's due tick. */
  enqueueTick: (schedule: ScheduleDoc) => Promise<void>;
}

export interface Passes {
  register(queue: QueueName, processor: Processor): void;
  has(queue: QueueName): boolean;
  /** Asks for a pass without waiting for it; a failure is logged. */
  wake(scope: PassScope): void;
  /**
   * A slot of `queue` for a new job to start at once (its processor), or null. Only
   * when nothing older of the queue can be due here: the store is this process's
   * alone, and no pass is running or asked for (a freed slot always asks for one,
   * so a backlog is claimed in order first). The caller inserts the job already
   * claimed, then `launch`es it, or gives the slot back with `release`.
   */
  takeSlot(queue: QueueName): Processor | null;
  launch(queue: QueueName, processor: Processor, doc: JobDoc): void;
  release(queue: QueueName): void;
  /** A full pass, then waits for the jobs running by then; returns how many the pass started. */
  runDue(): Promise<number>;
  /** Whether no job is running. */
  idle(): boolean;
  /** No pass after this; waits for the queued pass and every running job. */
  close(): Promise<void>;
}

/** Completed jobs are kept this long, which is also how long a jobId dedupes (BullMQ adapter: the same). */
const KEEP_COMPLETED_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/** What a pass will do; requests made before it starts widen it. */
interface Scope {
  full: boolean;
  queues: Set<QueueName>;
}

export function createPasses(options: PassesOptions): Passes {
  const { jobs, schedules, ready, now, concurrency, leaseMs, exclusive, logger } = options;
  const processors = new Map<QueueName, Processor>();
  const running = new Map<QueueName, number>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  let lastPrune = -Infinity;
  let lastLeaseCheck = -Infinity;

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
    launch(queue, processor, doc);
  }

  /** Runs a claimed job in a slot already counted in `running`. */
  function launch(queue: QueueName, processor: Processor, doc: JobDoc): void {
    const done: Promise<void> = runJob({ jobs, doc, processor, now, leaseMs, logger })
      .catch((err: unknown) => {
        // The job stays active: it runs again after a restart (or, on a shared store, once its lease runs out).
        logger.error({ err, queue, jobId: doc.jobId }, 'inline queue: could not record a job outcome');
      })
      .finally(() => {
        running.set(queue, (running.get(queue) ?? 1) - 1);
        inFlight.delete(done);
        // Its slot is free: the queue's backlog goes on at once, not at the next poll.
        if (!closed) wake(queue);
      });
    inFlight.add(done);
  }

  async function claimDue(queue: QueueName, processor: Processor): Promise<number> {
    let started = 0;
    while (!closed && (running.get(queue) ?? 0) < concurrency) {
      const doc = await claimNext({ jobs, queue, now: now(), leaseMs });
      if (!doc) break;
      start(queue, processor, doc);
      started += 1;
    }
    return started;
  }

  async function pass(scope: Scope): Promise<number> {
    await ready;
    if (closed) return 0;
    if (scope.full) {
      const at = now();
      await fireDueSchedules({ schedules, now: at, enqueueTick: options.enqueueTick });
      await requeueStalled(at);
      await prune(at);
    }
    const queues = scope.full ? [...processors.keys()] : [...scope.queues];
    let started = 0;
    for (const queue of queues) {
      const processor = processors.get(queue);
      if (processor) started += await claimDue(queue, processor);
    }
    return started;
  }

  let queued: { scope: Scope; result: Promise<number> } | null = null;
  let passing = false;
  let chain: Promise<unknown> = Promise.resolve();
  /**
   * Asking while a pass is queued but not started joins it, widening it: a full
   * request makes it full, a targeted one adds its queue. A pass that has started
   * takes no more requests: one made then queues the next pass.
   */
  function requestPass(scope: PassScope): Promise<number> {
    if (!queued) {
      const next: Scope = { full: false, queues: new Set() };
      const result = chain.then(async () => {
        queued = null;
        passing = true;
        try {
          return await pass(next);
        } finally {
          passing = false;
        }
      });
      queued = { scope: next, result };
      // Only orders the passes: whoever awaits `result` reports its error.
      chain = result.then(
        () => undefined,
        () => undefined,
      );
    }
    if (scope === 'all') queued.scope.full = true;
    else queued.scope.queues.add(scope);
    return queued.result;
  }

  function wake(scope: PassScope): void {
    requestPass(scope).catch((err: unknown) => logger.error({ err }, 'inline queue: looking for due jobs failed'));
  }

  return {
    register(queue, processor) {
      if (processors.has(queue)) throw new Error(`inline queue: a processor for ${queue} is already registered`);
      processors.set(queue, processor);
    },
    has: (queue) => processors.has(queue),
    wake,
    takeSlot(queue) {
      const processor = processors.get(queue);
      if (closed || !exclusive || passing || queued || !processor) return null;
      if ((running.get(queue) ?? 0) >= concurrency) return null;
      running.set(queue, (running.get(queue) ?? 0) + 1);
      return processor;
    },
    launch,
    release(queue) {
      running.set(queue, (running.get(queue) ?? 1) - 1);
      if (!closed) wake(queue);
    },
    async runDue() {
      const started = await requestPass('all');
      await Promise.all([...inFlight]);
      return started;
    },
    idle: () => inFlight.size === 0,
    async close() {
      closed = true;
      await chain;
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
