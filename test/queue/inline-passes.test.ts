// Which passes the inline queue makes, on both stores: an enqueue (or retry) to
// a queue and a job of it finishing claim only from that queue; the poll,
// runDue and the other full passes look at every queue and the schedules. The
// store calls are counted by wrapping `collection()`. The poll is an hour in
// these tests unless a test is about the poll, so whatever runs was started by
// an event or by the test's runDue.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInlineQueue, type InlineQueue } from '../../engine/queue/inline/index';
import { QUEUE_NAMES, type QueueName } from '../../engine/queue/types';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { newId } from '../../engine/store/ids';
import { openMongoStore } from '../../engine/store/mongodb/index';
import type { Store } from '../../engine/store/types';
import { backends, dropDatabase, type Backend } from '../support/backends';
import { quietLogger } from './quiet-logger';
import { recordingStore, type RecordingStore, type StoreCall } from './recording-store';

const START = Date.UTC(2030, 0, 7, 8, 0, 0);
const HOUR = 3_600_000;

/** The queues whose due jobs a pass looked for (each claim starts with a `jobs.find` by queue). */
const claimedFrom = (calls: StoreCall[]): unknown[] => [
  ...new Set(calls.filter((c) => c.collection === 'jobs' && c.method === 'find').map((c) => c.queue)),
];
const scheduleScans = (calls: StoreCall[]): number =>
  calls.filter((c) => c.collection === 'job_schedules' && c.method === 'find').length;

async function openStore(backend: Backend, cleanups: Array<() => Promise<void>>): Promise<Store> {
  if (backend.mongoUri) {
    const uri = backend.mongoUri;
    const dbName = `queue_${newId()}`;
    const store = await openMongoStore({ uri, dbName });
    cleanups.push(async () => {
      await store.close();
      await dropDatabase(uri, dbName);
    });
    return store;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-queue-passes-'));
  const store = await openEmbeddedStore({ dataDir: dir, fsync: false });
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return store;
}

for (const backend of backends()) {
  describe(`inline queue passes [${backend.name}]`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function open(options: { pollMs?: number; concurrency?: number } = {}) {
      let t = START;
      const clock = { now: () => t, advance: (ms: number) => (t += ms) };
      const recorded: RecordingStore = recordingStore(await openStore(backend, cleanups), ['jobs', 'job_schedules']);
      const queue: InlineQueue = createInlineQueue({
        store: recorded.store,
        clock,
        pollMs: options.pollMs ?? HOUR,
        concurrency: options.concurrency,
        logger: quietLogger(),
      });
      cleanups.push(() => queue.close());
      return { queue, clock, ...recorded };
    }

    /** A processor on every queue, so a full pass has every queue to look at; `outbox` gets `own`. */
    async function processEvery(queue: InlineQueue, own: Partial<Record<QueueName, (id: string) => unknown>>) {
      for (const name of QUEUE_NAMES) {
        queue.process(name, async (job) => {
          await own[name]?.(job.id);
        });
      }
      // The registrations' full passes, done before the test counts.
      await queue.runDue();
    }

    /** Processors on every queue; the first outbox job runs until `release()`, keeping the queue's only slot. */
    async function holdFirstOutboxJob(queue: InlineQueue): Promise<{ ran: string[]; release: () => void }> {
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const ran: string[] = [];
      await processEvery(queue, {
        outbox: async (id) => {
          if (ran.push(id) === 1) await held;
        },
      });
      return { ran, release };
    }

    it('starts an enqueued job at once without scanning the other queues or the schedules', async () => {
      const { queue, calls } = await open();
      const ran: string[] = [];
      let beforeRun: StoreCall[] = [];
      await processEvery(queue, {
        outbox: (id) => {
          ran.push(id);
          beforeRun = [...calls];
        },
      });
      calls.length = 0;

      const id = await queue.enqueue('outbox', 'effect', {});
      await expect.poll(() => ran).toEqual([id]);
      await queue.close();
      // A store of its own (embedded): the job goes in already claimed and starts, with no query
      // before it; a shared store: one targeted pass claims it.
      expect(claimedFrom(beforeRun)).toEqual(backend.mongoUri ? ['outbox'] : []);
      expect(beforeRun.filter((c) => c.collection === 'jobs').map((c) => c.method)).toEqual(
        backend.mongoUri ? ['insertOne', 'find', 'findOneAndUpdate'] : ['insertOne'],
      );
      expect(claimedFrom(calls).every((q) => q === 'outbox')).toBe(true);
      expect(scheduleScans(calls)).toBe(0);
    });

    it('starts a retried failed job at once without scanning the other queues or the schedules', async () => {
      const { queue, calls } = await open();
      let failing = true;
      const ran: string[] = [];
      await processEvery(queue, {
        reports: (id) => {
          ran.push(id);
          if (failing) throw new Error('boom');
        },
      });
      const id = await queue.enqueue('reports', 'sales', {}, { attempts: 1 });
      await expect.poll(async () => (await queue.getJob('reports', id))?.state).toBe('failed');
      failing = false;
      calls.length = 0;

      expect(await queue.retryFailed('reports', id)).toBe(true);
      await expect.poll(() => ran).toEqual([id, id]);
      await queue.close();
      expect(claimedFrom(calls)).toEqual(['reports']);
      expect(scheduleScans(calls)).toBe(0);
    });

    it("drains a queue's backlog job after job without waiting for the poll", async () => {
      const { queue, calls } = await open();
      // The first job keeps the queue's only slot until every job is enqueued: the rest are a backlog.
      const { ran, release } = await holdFirstOutboxJob(queue);
      calls.length = 0;

      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await queue.enqueue('outbox', 'effect', { i }));
      await expect.poll(() => ran.length).toBe(1);
      release();
      // Enqueued while the backlog drains: it waits its turn, never starting ahead of the backlog.
      ids.push(await queue.enqueue('outbox', 'effect', { i: 5 }));
      await expect.poll(() => ran).toEqual(ids);
      await queue.close();
      expect(claimedFrom(calls)).toEqual(['outbox']);
      expect(scheduleScans(calls)).toBe(0);
    });

    it('starts no new job ahead of the backlog a pass is claiming', async () => {
      const { queue, holdNext } = await open();
      const { ran, release } = await holdFirstOutboxJob(queue);
      const first = await queue.enqueue('outbox', 'effect', { n: 1 });
      await expect.poll(() => ran).toEqual([first]);
      const backlog = await queue.enqueue('outbox', 'effect', { n: 2 });
      // The pass the first job's end asks for stops in its query for due jobs, the slot free.
      const query = holdNext('jobs', 'find');
      release();
      await query.reached;
      const late = await queue.enqueue('outbox', 'effect', { n: 3 });
      query.release();
      await expect.poll(() => ran).toEqual([first, backlog, late]);
    });

    it("starts another queue's due job on the next full pass, not on an unrelated enqueue", async () => {
      const { queue, clock } = await open();
      const ran: string[] = [];
      // Registered first: a full pass would look at alerts before outbox.
      await processEvery(queue, { alerts: (id) => ran.push(id), outbox: (id) => ran.push(id) });
      const later = await queue.enqueue('alerts', 'check', {}, { delay: 1000 });
      // Its own enqueue's pass is over (it found nothing due) before the clock moves.
      await queue.runDue();
      clock.advance(1000);

      const unrelated = await queue.enqueue('outbox', 'effect', {});
      await expect.poll(() => ran).toEqual([unrelated]);
      expect((await queue.getJob('alerts', later))?.state).toBe('waiting');

      await queue.runDue();
      expect(ran).toEqual([unrelated, later]);
    });

    it('starts delayed jobs and retries after their backoff from the poll', async () => {
      const { queue, clock } = await open({ pollMs: 10 });
      const attempts: Array<{ id: string; attempt: number }> = [];
      queue.process('notifications', async (job) => {
        attempts.push({ id: job.id, attempt: job.attempt });
        if (job.attempt === 1) throw new Error('flaky');
      });
      const id = await queue.enqueue('notifications', 'send', {}, { delay: 1000, attempts: 2, backoffMs: 5000 });
      clock.advance(1000);
      await expect.poll(() => attempts).toEqual([{ id, attempt: 1 }]);
      // The backoff counts from when the failure is recorded: wait for it before moving the clock.
      await expect.poll(async () => (await queue.getJob('notifications', id))?.state).toBe('delayed');
      clock.advance(5000);
      await expect.poll(() => attempts).toHaveLength(2);
      expect(attempts[1]).toEqual({ id, attempt: 2 });
      await expect.poll(async () => (await queue.getJob('notifications', id))?.state).toBe('completed');
    });

    it('makes a queued targeted pass full when a full pass is asked for, so it scans every queue and the schedules', async () => {
      const { queue, clock, calls, holdNext } = await open({ concurrency: 2 });
      const ran: string[] = [];
      await processEvery(queue, { alerts: (id) => ran.push(id), outbox: (id) => ran.push(id) });
      // A cron schedule's first tick is the next whole minute, so nothing of alerts is due yet.
      await queue.repeat('alerts', 'digest', {}, { key: 'digest', cron: '* * * * *' });
      const later = await queue.enqueue('alerts', 'check', {}, { delay: 1000 });
      await queue.runDue();
      expect(ran).toEqual([]);
      clock.advance(60_000);

      // The first enqueue's pass is held at its claim; the second enqueue's pass queues behind it.
      const hold = holdNext('jobs', 'find');
      const first = await queue.enqueue('outbox', 'effect', {});
      await hold.reached;
      const second = await queue.enqueue('outbox', 'effect', {});
      calls.length = 0;
      const full = queue.runDue();
      hold.release();
      await full;

      expect(scheduleScans(calls)).toBe(1);
      expect(ran).toEqual(expect.arrayContaining([first, second, later, `repeat:digest:${START + 60_000}`]));
      expect(claimedFrom(calls)).toEqual(expect.arrayContaining([...QUEUE_NAMES]));
    });
  });
}
