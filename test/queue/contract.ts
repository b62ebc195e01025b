// The queue contract: the same behaviours, asserted the same way, on every
// adapter. Time is handled per harness: the inline adapter runs on a fake clock
// (`advance` moves it and runs what is due), BullMQ on real time with small
// delays. Assertions are about order and state, never about how long things
// took; waits poll with a deadline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnrecoverableJobError } from '../../engine/queue/types';
import type { JobContext, JobInfo, QueueName, QueuePort } from '../../engine/queue/types';

export interface QueueHarness {
  queue: QueuePort;
  /** Fake time only: moves the clock forward by `ms` and runs everything then due. */
  advance?: (ms: number) => Promise<void>;
  /** The adapter's clock (default Date.now). */
  now?: () => number;
}

const DEADLINE_MS = 20_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function queueContract(
  name: string,
  open: () => Promise<QueueHarness>,
  close: (harness: QueueHarness) => Promise<void>,
): void {
  describe(`queue contract: ${name}`, () => {
    let h: QueueHarness;
    let queue: QueuePort;
    const now = (): number => (h.now ?? Date.now)();

    beforeEach(async () => {
      h = await open();
      queue = h.queue;
    });

    afterEach(async () => {
      await close(h);
    });

    /** Polls until `check` holds; on fake time each round moves the clock by `stepMs`. */
    async function waitFor<T>(
      what: string,
      read: () => Promise<T>,
      check: (value: T) => boolean,
      stepMs = 0,
    ): Promise<T> {
      const deadline = Date.now() + DEADLINE_MS;
      for (;;) {
        const value = await read();
        if (check(value)) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
        if (h.advance) await h.advance(stepMs);
        else await sleep(20);
      }
    }

    const stateOf = (q: QueueName, id: string) => queue.getJob(q, id);
    const waitForState = (q: QueueName, id: string, state: JobInfo['state'], stepMs = 0) =>
      waitFor(
        `job ${id} to be ${state}`,
        () => stateOf(q, id),
        (job) => job?.state === state,
        stepMs,
      ) as Promise<JobInfo>;

    it('runs a job and keeps its result', async () => {
      const seen: Array<Pick<JobContext, 'id' | 'name' | 'data' | 'attempt'>> = [];
      queue.process('alerts', async (job) => {
        seen.push({ id: job.id, name: job.name, data: job.data, attempt: job.attempt });
        return { doubled: (job.data as { n: number }).n * 2 };
      });
      const id = await queue.enqueue('alerts', 'double', { n: 21 });

      const job = await waitForState('alerts', id, 'completed');
      expect(job).toMatchObject({
        id,
        queue: 'alerts',
        name: 'double',
        data: { n: 21 },
        attemptsMade: 1,
        result: { doubled: 42 },
      });
      expect(job.failedReason).toBeUndefined();
      expect(seen).toEqual([{ id, name: 'double', data: { n: 21 }, attempt: 1 }]);
    });

    it('returns null for a job that does not exist', async () => {
      expect(await queue.getJob('alerts', 'no-such-job')).toBeNull();
    });

    it('treats a second enqueue with the same jobId as a no-op', async () => {
      const runs: unknown[] = [];
      queue.process('outbox', async (job) => {
        runs.push(job.data);
      });
      expect(await queue.enqueue('outbox', 'effect', { v: 1 }, { jobId: 'order-1' })).toBe('order-1');
      expect(await queue.enqueue('outbox', 'effect', { v: 2 }, { jobId: 'order-1' })).toBe('order-1');
      await waitForState('outbox', 'order-1', 'completed');
      // Also after it completed.
      await queue.enqueue('outbox', 'effect', { v: 3 }, { jobId: 'order-1' });
      // One queue runs its jobs in order: once this later job is done, a duplicate would have run.
      const sentinel = await queue.enqueue('outbox', 'sentinel', 'last');
      await waitForState('outbox', sentinel, 'completed');

      expect(runs).toEqual([{ v: 1 }, 'last']);
      expect(await queue.getJob('outbox', 'order-1')).toMatchObject({ state: 'completed', data: { v: 1 } });
    });

    it('refuses jobIds BullMQ cannot store', async () => {
      await expect(queue.enqueue('outbox', 'x', {}, { jobId: 'a:b' })).rejects.toThrow(/':'/);
      await expect(queue.enqueue('outbox', 'x', {}, { jobId: '42' })).rejects.toThrow(/integer/);
    });

    it('holds a delayed job until its delay has passed', async () => {
      const delay = 1000;
      const ranAt: number[] = [];
      queue.process('notifications', async () => {
        ranAt.push(now());
      });
      const enqueuedAt = now();
      const id = await queue.enqueue('notifications', 'remind', {}, { delay });

      expect(await queue.getJob('notifications', id)).toMatchObject({ state: 'delayed', attemptsMade: 0 });
      expect(ranAt).toEqual([]);
      if (h.advance) {
        await h.advance(delay - 1);
        expect(ranAt).toEqual([]);
        expect((await queue.getJob('notifications', id))?.state).toBe('delayed');
      }
      await waitForState('notifications', id, 'completed', 1);
      expect(ranAt).toHaveLength(1);
      expect(ranAt[0] - enqueuedAt).toBeGreaterThanOrEqual(delay);
    });

    it('retries with exponential backoff and succeeds on the third try', async () => {
      const backoffMs = 100;
      const tries: Array<{ attempt: number; at: number }> = [];
      queue.process('notifications', async (job) => {
        tries.push({ attempt: job.attempt, at: now() });
        if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
        return 'sent';
      });
      const id = await queue.enqueue('notifications', 'webhook', {}, { attempts: 3, backoffMs });

      if (h.advance) {
        // Step by step on fake time: each retry waits exactly base × 2^(n-1).
        await h.advance(0);
        expect(tries).toHaveLength(1);
        expect(await queue.getJob('notifications', id)).toMatchObject({
          state: 'delayed',
          attemptsMade: 1,
          failedReason: 'flaky 1',
        });
        await h.advance(backoffMs - 1);
        expect(tries).toHaveLength(1);
        await h.advance(1);
        expect(tries).toHaveLength(2);
        await h.advance(2 * backoffMs - 1);
        expect(tries).toHaveLength(2);
        await h.advance(1);
      }
      const job = await waitForState('notifications', id, 'completed', backoffMs);
      expect(job).toMatchObject({ attemptsMade: 3, result: 'sent' });
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
      expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(backoffMs);
      expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(2 * backoffMs);
    });

    it('doubles the wait before each further retry', async () => {
      const backoffMs = 50;
      const tries: number[] = [];
      queue.process('outbox', async (job) => {
        tries.push(now());
        if (job.attempt < 4) throw new Error('not yet');
      });
      const id = await queue.enqueue('outbox', 'sync', {}, { attempts: 4, backoffMs });

      if (h.advance) {
        await h.advance(0);
        await h.advance(backoffMs);
        await h.advance(2 * backoffMs);
        expect(tries).toHaveLength(3);
        // The third retry waits 4 × base, not 3 × base.
        await h.advance(4 * backoffMs - 1);
        expect(tries).toHaveLength(3);
        await h.advance(1);
      }
      await waitForState('outbox', id, 'completed', backoffMs);
      const gaps = tries.slice(1).map((at, i) => at - tries[i]);
      expect(gaps).toHaveLength(3);
      gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(backoffMs * 2 ** i));
    });

    it('puts a job that used up its attempts in the failed list, and retryFailed runs it again', async () => {
      let failing = true;
      let calls = 0;
      queue.process('reports', async () => {
        calls += 1;
        if (failing) throw new Error('boom');
        return 'ok';
      });
      const id = await queue.enqueue('reports', 'sales', {}, { attempts: 2, backoffMs: 50 });

      const failed = await waitForState('reports', id, 'failed', 50);
      expect(failed).toMatchObject({ attemptsMade: 2, failedReason: 'boom' });
      expect(calls).toBe(2);
      expect((await queue.listFailed('reports')).map((j) => j.id)).toContain(id);

      failing = false;
      expect(await queue.retryFailed('reports', id)).toBe(true);
      const done = await waitForState('reports', id, 'completed');
      expect(done).toMatchObject({ result: 'ok', attemptsMade: 1 });
      expect(calls).toBe(3);
      expect((await queue.listFailed('reports')).map((j) => j.id)).not.toContain(id);
      expect(await queue.retryFailed('reports', id)).toBe(false);
      expect(await queue.retryFailed('reports', 'no-such-job')).toBe(false);
    });

    it('discards a dead job for good, and only a dead one', async () => {
      queue.process('reports', async () => {
        throw new UnrecoverableJobError('cannot');
      });
      const id = await queue.enqueue('reports', 'sales', {}, { attempts: 1 });
      await waitForState('reports', id, 'failed');
      expect((await queue.counts('reports')).dead).toBe(1);

      expect(await queue.discardFailed('reports', id)).toBe(true);
      expect(await queue.getJob('reports', id)).toBeNull();
      expect(await queue.listFailed('reports')).toEqual([]);
      expect((await queue.counts('reports')).dead).toBe(0);
      expect(await queue.discardFailed('reports', id)).toBe(false);
    });

    it('counts waiting, delayed, retrying and dead jobs per queue', async () => {
      await queue.enqueue('alerts', 'now', {});
      await queue.enqueue('alerts', 'later', {}, { delay: 3_600_000 });
      expect(await queue.counts('alerts')).toEqual({ waiting: 1, active: 0, delayed: 1, failed: 0, dead: 0 });

      let calls = 0;
      queue.process('notifications', async () => {
        calls += 1;
        throw new Error(calls === 1 ? 'first try fails' : 'for good');
      });
      // Retried an hour later: meanwhile it is a failed job waiting to retry.
      const retrying = await queue.enqueue('notifications', 'send', {}, { attempts: 2, backoffMs: 3_600_000 });
      await waitFor(
        'a failed attempt',
        () => queue.getJob('notifications', retrying),
        (job) => job?.attemptsMade === 1 && job.state !== 'active',
      );
      const dead = await queue.enqueue('notifications', 'send', {}, { attempts: 1 });
      await waitForState('notifications', dead, 'failed');
      expect(await queue.counts('notifications')).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 1, dead: 1 });
    });

    it('fails on an UnrecoverableJobError at once, without retrying', async () => {
      let calls = 0;
      queue.process('alerts', async () => {
        calls += 1;
        throw new UnrecoverableJobError('bad input');
      });
      const id = await queue.enqueue('alerts', 'check', {}, { attempts: 5, backoffMs: 10 });

      const job = await waitForState('alerts', id, 'failed', 10);
      expect(job).toMatchObject({ attemptsMade: 1, failedReason: 'bad input' });
      expect(calls).toBe(1);
      expect((await queue.listFailed('alerts')).map((j) => j.id)).toEqual([id]);
    });

    it('shows progress through getJob while the job runs and after', async () => {
      queue.process('reports', async (job) => {
        await job.updateProgress(40);
        // Read back from inside the job: it is active and its progress is visible.
        const seen = await queue.getJob('reports', job.id);
        return { state: seen?.state, progress: seen?.progress };
      });
      const id = await queue.enqueue('reports', 'stock-balance', {});

      const job = await waitForState('reports', id, 'completed');
      expect(job.result).toEqual({ state: 'active', progress: 40 });
      expect(job.progress).toBe(40);
    });

    it('runs a repeatable job repeatedly and never doubles it when its key is registered again', async () => {
      const everyMs = h.advance ? 1000 : 250;
      const ticks: string[] = [];
      queue.process('alerts', async (job) => {
        ticks.push(job.id);
      });
      await queue.repeat('alerts', 'low-stock', { warehouse: 'main' }, { key: 'low-stock', everyMs });
      await queue.repeat('alerts', 'low-stock', { warehouse: 'main' }, { key: 'low-stock', everyMs });

      if (h.advance) {
        // Fake time: exactly one run per tick.
        await h.advance(0);
        expect(ticks).toHaveLength(1);
        await h.advance(everyMs);
        await queue.repeat('alerts', 'low-stock', { warehouse: 'main' }, { key: 'low-stock', everyMs });
        await h.advance(everyMs);
        expect(ticks).toHaveLength(3);
      }
      await waitFor(
        'three ticks',
        async () => ticks.length,
        (n) => n >= 3,
        everyMs,
      );

      // Each tick's job id names its time: one job per tick, ticks at least an interval apart.
      const times = ticks.map((id) => {
        const match = /^repeat:low-stock:(\d+)$/.exec(id);
        expect(match, id).not.toBeNull();
        return Number(match?.[1]);
      });
      expect(new Set(ticks).size).toBe(ticks.length);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(everyMs);

      // After removal no tick after that moment runs: a job delayed past two more ticks is done first.
      await queue.removeRepeat('alerts', 'low-stock');
      const removedAt = now();
      const sentinel = await queue.enqueue('alerts', 'sentinel', {}, { delay: 2 * everyMs });
      await waitForState('alerts', sentinel, 'completed', everyMs);
      const later = ticks.filter((id) => id.startsWith('repeat:') && Number(id.split(':')[2]) > removedAt);
      expect(later).toEqual([]);
    });

    it('runs a cron schedule at its pattern times', async () => {
      const ticks: number[] = [];
      queue.process('reports', async (job) => {
        ticks.push(Number(job.id.split(':')[2]));
      });
      // Six fields: every second, so real time needs only a few seconds.
      await queue.repeat('reports', 'daily-sales', {}, { key: 'daily-sales', cron: '* * * * * *' });

      await waitFor(
        'two cron ticks',
        async () => ticks.length,
        (n) => n >= 2,
        1000,
      );
      for (const t of ticks) expect(t % 1000).toBe(0);
      expect(ticks[1] - ticks[0]).toBeGreaterThanOrEqual(1000);
      await queue.removeRepeat('reports', 'daily-sales');
    });

    it('refuses a schedule with a bad cron pattern or with both cron and everyMs', async () => {
      await expect(queue.repeat('reports', 'x', {}, { key: 'bad', cron: '61 * * * *' })).rejects.toThrow(/cron/);
      await expect(queue.repeat('reports', 'x', {}, { key: 'both', cron: '* * * * *', everyMs: 5 })).rejects.toThrow(
        /exactly one/,
      );
    });

    it('answers ping', async () => {
      expect(await queue.ping()).toBe(true);
    });
  });
}
