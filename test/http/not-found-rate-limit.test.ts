// Real HTTP: URLs no route serves are rate limited per client address, so probing
// for routes costs a scanner its budget; known routes keep their own budget.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestAppOptions } from '../support/app';

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
    const res = await fetch(`${base}/api/nothing-here?x=1`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'No route for POST /api/nothing-here.' });
  });

  it('is on by default: 60 unknown URLs a minute per client address', async () => {
    const base = await serve({ rateLimits: {} });
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await fetch(`${base}/probe/${i}`)).status);
    expect([...statuses]).toEqual([404]);
    expect((await fetch(`${base}/probe/60`)).status).toBe(429);
  });
});
