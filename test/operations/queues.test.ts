// The admin's view of the queues over the engine API: counts per queue, dead
// jobs retried or discarded, on the inline queue; with BullMQ (real Redis)
// bull-board at /admin/queues behind the engine's own auth, admins only.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../engine/queue/bullmq/index';
import { quietLogger } from '../queue/quiet-logger';
import { apiFor, type Api } from '../reports/seed';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { redisUrl, requireService } from '../support/services';

interface QueuesView {
  kind: string;
  board: string | null;
  queues: Array<{ queue: string; waiting: number; active: number; delayed: number; failed: number; dead: number }>;
}

const CLERK = { username: 'clerk.ops', password: 'Tq9-Ops#Lm2026xx', roles: ['sales_clerk'] };

async function users(t: TestApp): Promise<{ admin: Api; clerk: Api; adminToken: string; clerkToken: string }> {
  const adminToken = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  await createUser(t.app, adminToken, CLERK);
  const clerkToken = await login(t.app, CLERK.username, CLERK.password);
  return { admin: apiFor(t.app, adminToken), clerk: apiFor(t.app, clerkToken), adminToken, clerkToken };
}

async function until<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('queue operations on the inline queue', () => {
  let t: TestApp;
  let admin: Api;
  let clerk: Api;
  beforeAll(async () => {
    t = await buildTestApp();
    ({ admin, clerk } = await users(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts each queue for an admin, with no board without Redis', async () => {
    await t.app.queue.enqueue('reports', 'sales', {}, { jobId: 'later-one', delay: 3_600_000 });
    const res = await admin.call('GET', '/api/operations/queues');
    expect(res.status).toBe(200);
    const view = res.body as QueuesView;
    expect(view).toMatchObject({ kind: 'inline', board: null });
    expect(view.queues.map((q) => q.queue)).toEqual(['alerts', 'reports', 'notifications', 'outbox']);
    expect(view.queues.find((q) => q.queue === 'reports')?.delayed).toBe(1);
    expect((await admin.call('GET', '/admin/queues')).status).toBe(404);
  });

  it('refuses the queue view and its actions to other roles', async () => {
    expect((await clerk.call('GET', '/api/operations/queues')).status).toBe(403);
    expect((await clerk.call('DELETE', '/api/operations/dead-letters/alerts/any')).status).toBe(403);
  });

  it('discards a dead job, which then leaves the list and the counts', async () => {
    await t.app.queue.enqueue('alerts', 'no-such-job', {}, { jobId: 'to-discard', attempts: 1 });
    await until(
      'the job to die',
      () => t.app.queue.getJob('alerts', 'to-discard'),
      (job) => job?.state === 'failed',
    );
    const dead = async () =>
      ((await admin.call('GET', '/api/operations/queues')).body as QueuesView).queues.find((q) => q.queue === 'alerts')
        ?.dead;
    expect(await dead()).toBe(1);
    expect((await clerk.call('DELETE', '/api/operations/dead-letters/alerts/to-discard')).status).toBe(403);
    expect((await admin.call('DELETE', '/api/operations/dead-letters/alerts/to-discard')).status).toBe(204);
    expect(await dead()).toBe(0);
    expect(await t.app.queue.getJob('alerts', 'to-discard')).toBeNull();
    const again = await admin.call('DELETE', '/api/operations/dead-letters/alerts/to-discard');
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });
});

const url = redisUrl();

describe.runIf(requireService('Redis', url))('bull-board with BullMQ', () => {
  const prefix = `jxc-test-board-${process.pid}-${Date.now().toString(36)}`;
  let t: TestApp;
  let admin: Api;
  let clerk: Api;
  let adminToken: string;
  let clerkToken: string;
  beforeAll(async () => {
    t = await buildTestApp({
      queue: () => createBullmqQueue({ redisUrl: url ?? '', prefix, runWorkers: false, logger: quietLogger() }),
    });
    ({ admin, clerk, adminToken, clerkToken } = await users(t));
  });
  afterAll(async () => {
    await t?.close();
    const redis = new Redis(url ?? '');
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('shows the board to an admin, and the counts name it', async () => {
    // Schedules that run at once (a daily `every`) may already wait in the queue: count from here.
    const waiting = async () =>
      ((await admin.call('GET', '/api/operations/queues')).body as QueuesView).queues.find((q) => q.queue === 'reports')
        ?.waiting ?? 0;
    const before = await waiting();
    await t.app.queue.enqueue('reports', 'sales', { n: 1 }, { jobId: 'board-job' });
    const view = (await admin.call('GET', '/api/operations/queues')).body as QueuesView;
    expect(view).toMatchObject({ kind: 'bullmq', board: '/admin/queues' });
    expect(view.queues.find((q) => q.queue === 'reports')?.waiting).toBe(before + 1);

    const page = await admin.call('GET', '/admin/queues');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    const api = await admin.call('GET', '/admin/queues/api/queues?activeQueue=reports&status=waiting&page=1');
    expect(api.status).toBe(200);
    const names = (api.body as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['alerts', 'reports', 'notifications', 'outbox']));
  });

  it('refuses the board to a non-admin with 403, and to nobody logged in with 401', async () => {
    const page = await clerk.call('GET', '/admin/queues');
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toContain('application/problem+json');
    expect((await clerk.call('GET', '/admin/queues/api/queues')).status).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues' })).statusCode).toBe(401);
  });

  it('lets a browser in through the board cookie an admin asks for, and only an admin', async () => {
    expect((await clerk.call('POST', '/api/operations/board-session')).status).toBe(403);
    const session = await admin.call('POST', '/api/operations/board-session');
    expect(session.status).toBe(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toContain('Path=/admin/queues');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const pair = cookie.split(';')[0] ?? '';
    const viaCookie = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: pair } });
    expect(viaCookie.statusCode).toBe(200);

    // A clerk who forges the cookie with their own token is still not an admin.
    const forged = `jxc_board=${encodeURIComponent(clerkToken)}`;
    const refused = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: forged } });
    expect(refused.statusCode).toBe(403);
    expect(adminToken).not.toBe(clerkToken);
  });
});
