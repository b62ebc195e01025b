// Real HTTP: URLs no route serves are rate limited per client address, and 404
// answers of real routes (a guessed document id) are budgeted per user, so
// probing for routes or documents costs a scanner its budget.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp, type TestAppOptions } from '../support/app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function serve(options: TestAppOptions): Promise<string> {
  t = await buildTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

describe('not-found rate limit', () => {
  it('answers 429 problem+json once a client has asked for too many unknown URLs', async () => {
    const base = await serve({ rateLimits: { notFound: { max: 3, timeWindowMs: 60_000 } } });
    const statuses = [];
    for (const url of ['/api/secret', '/admin', '/.env']) statuses.push((await fetch(`${base}${url}`)).status);
    expect(statuses).toEqual([404, 404, 404]);
    const limited = await fetch(`${base}/wp-login.php`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // Known routes draw on their own budget.
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('still answers 404 problem+json within the budget', async () => {
    const base = await serve({ rateLimits: { notFound: { max: 3, timeWindowMs: 60_000 } } });
    const res = await fetch(`${base}/api/nothing-here?x=1`, { method: 'POST', headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'No route for POST /api/nothing-here.',
    });
  });

  it('is on by default: 60 unknown URLs a minute per client address', async () => {
    const base = await serve({ rateLimits: {} });
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await fetch(`${base}/probe/${i}`)).status);
    expect([...statuses]).toEqual([404]);
    expect((await fetch(`${base}/probe/60`)).status).toBe(429);
  });

  it('budgets 404 answers per signed-in user; over budget even an existing document is refused', async () => {
    const base = await serve({ rateLimits: { notFound: { max: 3, timeWindowMs: 60_000 } } });
    if (!t) throw new Error('no app');
    const admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    await createUser(t.app, admin, { username: 'scout', password: 'Guess-Pass-8812', roles: ['sales_manager'] });
    const prober = await login(t.app, 'scout', 'Guess-Pass-8812');
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const created = await fetch(`${base}/api/documents/warehouse`, {
      method: 'POST',
      headers: { ...as(admin), 'content-type': 'application/json' },
      body: JSON.stringify({ data: { code: 'W-404', name: '探测仓' } }),
    });
    const warehouse = ((await created.json()) as { id: string }).id;
    const guess = (i: number) =>
      fetch(`${base}/api/documents/warehouse/${'0'.repeat(23)}${i}`, { headers: as(prober) });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await guess(i)).status);
    expect(statuses).toEqual([404, 404, 404]);
    const limited = await guess(3);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // No oracle: a document that exists is refused the same way while over budget.
    expect((await fetch(`${base}/api/documents/warehouse/${warehouse}`, { headers: as(prober) })).status).toBe(429);
    // Another user (same IP) keeps their own budget.
    expect((await fetch(`${base}/api/documents/warehouse/${warehouse}`, { headers: as(admin) })).status).toBe(200);
  });
});
