// The queue contract on the inline adapter over the embedded store, on a fake
// clock; then what only the inline adapter does: surviving restarts and sharing
// one store between loops.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInlineQueue } from '../../engine/queue/inline/index';
import type { InlineQueue } from '../../engine/queue/inline/index';
import type { JobDoc } from '../../engine/queue/inline/job-doc';
import type { ScheduleDoc } from '../../engine/queue/inline/schedules';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import type { Store } from '../../engine/store/types';
import { queueContract } from './contract';
import type { QueueHarness } from './contract';
import { quietLogger } from './quiet-logger';

/** Starts on a whole minute so cron ticks are easy to read. */
function fakeClock(start = Date.UTC(2030, 0, 7, 8, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

type FakeClock = ReturnType<typeof fakeClock>;

const tempDirs: string[] = [];
const newDataDir = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-queue-'));
  tempDirs.push(dir);
  return dir;
};

const openStore = (dataDir: string): Promise<Store> => openEmbeddedStore({ dataDir, fsync: false });

function inlineQueue(store: Store, clock: FakeClock): InlineQueue {
  return createInlineQueue({ store, clock, pollMs: 20, logger: quietLogger() });
}

function harness(queue: InlineQueue, clock: FakeClock): QueueHarness {
  return {
    queue,
    now: clock.now,
    advance: async (ms) => {
      clock.advance(ms);
      await queue.drain();
    },
  };
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const stores = new WeakMap<QueueHarness, Store>();
queueContract(
  'inline (embedded store)',
  async () => {
    const store = await openStore(await newDataDir());
    const clock = fakeClock();
    const h = harness(inlineQueue(store, clock), clock);
    stores.set(h, store);
    return h;
  },
  async (h) => {
    await h.queue.close();
    await stores.get(h)?.close();
  },
);

describe('inline queue beyond the contract', () => {
  const open: Array<{ queue: InlineQueue; store: Store }> = [];
  async function start(dataDir: string, clock: FakeClock): Promise<{ queue: InlineQueue; store: Store }> {
    const store = await openStore(dataDir);
    const queue = inlineQueue(store, clock);
    open.push({ queue, store });
    return { queue, store };
  }
  async function stop(s: { queue: InlineQueue; store: Store }): Promise<void> {
    open.splice(open.indexOf(s), 1);
    await s.queue.close();
    await s.store.close();
  }
  afterEach(async () => {
    for (const s of open.splice(0).reverse()) {
      await s.queue.close();
      await s.store.close();
    }
  });

  it('keeps a job enqueued before a restart and runs it after', async () => {
    const dir = await newDataDir();
    const clock = fakeClock();
    const first = await start(dir, clock);
    const id = await first.queue.enqueue('reports', 'sales', { month: '2030-01' });
    await stop(first);

    const second = await start(dir, clock);
    const seen: unknown[] = [];
    second.queue.process('reports', async (job) => {
      seen.push(job.data);
      return 'done';
    });
    await second.queue.drain();
    expect(seen).toEqual([{ month: '2030-01' }]);
    expect(await second.queue.getJob('reports', id)).toMatchObject({ state: 'completed', result: 'done' });
  });

  it('runs again a job that a crash left active', async () => {
    const dir = await newDataDir();
    const clock = fakeClock();
    const first = await start(dir, clock);
    const id = await first.queue.enqueue('outbox', 'post-stock', { doc: 'SO-1' });
    // What a kill -9 mid-job leaves on disk: the job claimed and never finished.
    await first.store.collection<JobDoc>('jobs').updateOne(
      { jobId: id },
      {
        $set: {
          state: 'active',
          lockToken: 'claim',
          lockedBy: 'a-process-now-gone',
          lockedUntil: clock.now() + 30_000,
        },
      },
    );
    await stop(first);

    const second = await start(dir, clock);
    const attempts: number[] = [];
    second.queue.process('outbox', async (job) => {
      attempts.push(job.attempt);
    });
    await second.queue.drain();
    expect(attempts).toEqual([1]);
    expect(await second.queue.getJob('outbox', id)).toMatchObject({ state: 'completed', attemptsMade: 1 });
  });

  it('on a shared store, takes over an active job only once its lease has run out', async () => {
    const dir = await newDataDir();
    const clock = fakeClock();
    const { store } = await start(dir, clock);
    const queue = createInlineQueue({
      store,
      clock,
      pollMs: 20,
      exclusive: false,
      leaseMs: 30_000,
      logger: quietLogger(),
    });
    const runs: string[] = [];
    queue.process('outbox', async (job) => {
      runs.push(job.id);
    });
    const id = await queue.enqueue('outbox', 'effect', {}, { delay: 1 });
    // Another engine process claimed it and is still renewing its lease.
    await store.collection<JobDoc>('jobs').updateOne(
      { jobId: id },
      {
        $set: { state: 'active', lockToken: 'theirs', lockedBy: 'other-process', lockedUntil: clock.now() + 30_000 },
      },
    );
    clock.advance(29_000);
    await queue.drain();
    expect(runs).toEqual([]);
    expect((await queue.getJob('outbox', id))?.state).toBe('active');

    // It stopped renewing (crashed): within half a lease after it ran out, this loop runs the job.
    clock.advance(16_000);
    await queue.drain();
    await queue.close();
    expect(runs).toEqual([id]);
  });

  it('never runs one job twice when two loops share a store', async () => {
    const dir = await newDataDir();
    const clock = fakeClock();
    const { store } = await start(dir, clock);
    const loops = [0, 1].map(() =>
      createInlineQueue({ store, clock, pollMs: 5, concurrency: 3, logger: quietLogger() }),
    );
    const runs = new Map<string, number>();
    for (const loop of loops) {
      loop.process('outbox', async (job) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        await new Promise((resolve) => setImmediate(resolve));
      });
    }
    const ids = [];
    for (let i = 0; i < 40; i++) ids.push(await loops[i % 2].enqueue('outbox', 'effect', { i }));
    await Promise.all(loops.map((loop) => loop.drain()));
    await Promise.all(loops.map((loop) => loop.close()));

    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('does not run a tick twice when it was enqueued but the schedule was not moved on', async () => {
    const dir = await newDataDir();
    const clock = fakeClock();
    const { queue, store } = await start(dir, clock);
    const ticks: string[] = [];
    queue.process('alerts', async (job) => {
      ticks.push(job.id);
    });
    await queue.repeat('alerts', 'expiry', {}, { key: 'expiry', everyMs: 60_000 });
    await queue.drain();
    expect(ticks).toEqual([`repeat:expiry:${clock.now()}`]);
    // A crash between enqueueing a tick and saving the next one leaves the schedule on the old tick.
    await store
      .collection<ScheduleDoc>('job_schedules')
      .updateOne({ key: 'expiry' }, { $set: { nextRunAt: clock.now() } });
    await queue.drain();
    expect(ticks).toHaveLength(1);
  });

  it('keeps the next tick of a schedule registered again after a restart', async () => {
    const dir = await newDataDir();
    const clock = fakeClock();
    const t0 = clock.now();
    const first = await start(dir, clock);
    const ticks: string[] = [];
    const record = async (job: { id: string }) => {
      ticks.push(job.id);
    };
    first.queue.process('alerts', record);
    await first.queue.repeat('alerts', 'sla', {}, { key: 'sla', everyMs: 60_000 });
    await first.queue.drain();
    await stop(first);

    clock.advance(30_000);
    const second = await start(dir, clock);
    second.queue.process('alerts', record);
    await second.queue.repeat('alerts', 'sla', {}, { key: 'sla', everyMs: 60_000 });
    await second.queue.drain();
    expect(ticks).toEqual([`repeat:sla:${t0}`]);
    clock.advance(30_000);
    await second.queue.drain();
    expect(ticks).toEqual([`repeat:sla:${t0}`, `repeat:sla:${t0 + 60_000}`]);
  });

  it('waits on close for the job that is running', async () => {
    const dir = await newDataDir();
    const clock = fakeClock();
    const { queue, store } = await start(dir, clock);
    let release = (): void => undefined;
    const started = new Promise<void>((resolveStarted) => {
      queue.process('reports', async () => {
        resolveStarted();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return 'finished';
      });
    });
    const id = await queue.enqueue('reports', 'big', {});
    await started;
    const closing = queue.close();
    setTimeout(() => release(), 50);
    await closing;
    const doc = await store.collection<JobDoc>('jobs').findOne({ jobId: id });
    expect(doc).toMatchObject({ state: 'completed', result: 'finished' });
  });
});
