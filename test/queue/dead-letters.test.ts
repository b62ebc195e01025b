// The admin's dead-letter view over the engine API (inline queue): a job no
// processor can handle lands there with its error; an admin retries it; other
// roles are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, type Api } from '../reports/seed';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

interface DeadList {
  queues: Array<{
    queue: string;
    dead: number;
    jobs: Array<{ id: string; name: string; attemptsMade: number; error: string | null }>;
  }>;
}

describe('dead letters', () => {
  let t: TestApp;
  let admin: Api;
  let clerk: Api;
  beforeAll(async () => {
    t = await buildTestApp();
    const token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    admin = apiFor(t.app, token);
    await createUser(t.app, token, { username: 'clerk.d', password: 'Tq9-Dead#Lm2026x', roles: ['sales_clerk'] });
    clerk = apiFor(t.app, await login(t.app, 'clerk.d', 'Tq9-Dead#Lm2026x'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists a job that failed for good with its error, and retries it for an admin only', async () => {
    await t.app.queue.enqueue('alerts', 'no-such-job', {}, { jobId: 'dead-one' });
    const deadline = Date.now() + 30_000;
    let alerts: DeadList['queues'][number] | undefined;
    while (!alerts?.jobs.some((j) => j.id === 'dead-one')) {
      if (Date.now() > deadline) throw new Error('the job never reached the dead-letter list');
      await new Promise((resolve) => setTimeout(resolve, 50));
      alerts = ((await admin.call('GET', '/api/operations/dead-letters')).body as DeadList).queues.find(
        (q) => q.queue === 'alerts',
      );
    }
    const job = alerts.jobs.find((j) => j.id === 'dead-one');
    expect(job).toMatchObject({ name: 'no-such-job', attemptsMade: 1 });
    expect(job?.error).toContain('has no job "no-such-job"');
    expect((await clerk.call('GET', '/api/operations/dead-letters')).status).toBe(403);
    expect((await clerk.call('POST', '/api/operations/dead-letters/alerts/dead-one/retry')).status).toBe(403);
    expect((await admin.call('POST', '/api/operations/dead-letters/alerts/dead-one/retry')).status).toBe(202);
    expect((await admin.call('POST', '/api/operations/dead-letters/alerts/nobody/retry')).status).toBe(404);
  });
});
