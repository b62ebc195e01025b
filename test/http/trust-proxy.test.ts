// Real HTTP from 127.0.0.1: whether X-Forwarded-For decides the client address that
// the per-IP auth rate limit, the lockout and the audit trail see.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ADMIN, type TestApp } from '../support/app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function serve(trustProxy?: string): Promise<string> {
  t = await buildTestApp({
    env: trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy },
    rateLimits: { auth: { max: 2, timeWindowMs: 60_000 } },
    auth: { sleep: async () => undefined },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

/** A failed login "from" `forwardedFor`, as a load balancer would pass it on. */
const loginFrom = (base: string, forwardedFor: string) =>
  fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username: 'nobody', password: 'wrong-password-1' }),
  });

async function auditIps(): Promise<string[]> {
  if (!t) throw new Error('no app');
  // From another address: 127.0.0.1 may have spent its auth budget.
  const session = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: TEST_ADMIN,
    remoteAddress: '192.0.2.50',
  });
  const token = session.json<{ token: string }>().token;
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/audit?action=auth.login_failed',
    headers: { authorization: `Bearer ${token}` },
  });
  return res.json<{ items: Array<{ ip: string }> }>().items.map((e) => e.ip);
}

describe('TRUST_PROXY', () => {
  it('off (default): X-Forwarded-For is ignored, every request counts against the socket address', async () => {
    const base = await serve();
    const statuses = [];
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await loginFrom(base, ip)).status);
    // One budget of 2 for 127.0.0.1, whatever the header claims.
    expect(statuses).toEqual([401, 401, 429]);
    expect(await auditIps()).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it("on for the proxy's address: the forwarded client address is used", async () => {
    const base = await serve('127.0.0.1');
    const statuses = [];
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await loginFrom(base, ip)).status);
    // A budget of 2 per client behind the proxy.
    expect(statuses).toEqual([401, 401, 401]);
    expect((await loginFrom(base, '203.0.113.1')).status).toBe(401);
    expect((await loginFrom(base, '203.0.113.1')).status).toBe(429);
    expect((await auditIps()).sort()).toEqual(['203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.3']);
  });

  it('on with a hop count: the address one hop behind the socket is used', async () => {
    const base = await serve('1');
    // A client-supplied entry before the proxy's own is not trusted with one hop.
    await loginFrom(base, '198.51.100.9, 203.0.113.7');
    expect(await auditIps()).toEqual(['203.0.113.7']);
  });

  it('ignores the header from a peer that is not a listed proxy', async () => {
    const base = await serve('10.0.0.0/8');
    await loginFrom(base, '203.0.113.7');
    expect(await auditIps()).toEqual(['127.0.0.1']);
  });
});
