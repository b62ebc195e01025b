// Webhooks against a real receiver on 127.0.0.1: it fails twice, then accepts.
// The retries back off exponentially (base 1 ms here, injected through
// WEBHOOK_RETRY_BASE_MS), the receiver accepts exactly one signed body, and the
// delivery log shows all three attempts. Redirects are never followed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../engine/webhooks/index';
import { apiFor, type Api } from '../reports/seed';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
}

async function receiver(
  answer: (n: number) => { status: number; location?: string },
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { status, location } = answer(received.length + 1);
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      res.writeHead(status, location ? { location } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/hooks`, received, server };
}

// 30 s: a delivery retried twice waits each time for the inline queue's next poll, slow on busy CI cores.
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('webhooks', () => {
  let t: TestApp;
  let admin: Api;
  const servers: Server[] = [];
  const secret = 'whsec-0123456789abcdef';
  beforeAll(async () => {
    t = await buildTestApp({ env: { WEBHOOK_RETRY_BASE_MS: '1', WEBHOOK_ATTEMPTS: '5' } });
    admin = apiFor(t.app, await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password));
  });
  afterAll(async () => {
    await t?.close();
    for (const s of servers) s.close();
  });

  async function deactivateWarehouse(code: string): Promise<any> {
    const w = (await admin.call('POST', '/api/documents/warehouse', { data: { code, name: `仓库 ${code}` } })).body;
    const res = await admin.call('POST', `/api/documents/warehouse/${w.id}/transitions/deactivate`, {
      version: w.version,
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('retries a failing receiver with backoff until it accepts one signed delivery, logging three attempts', async () => {
    const target = await receiver((n) => ({ status: n <= 2 ? 500 : 204 }));
    servers.push(target.server);
    const hook = await admin.call('POST', '/api/webhooks', {
      url: target.url,
      events: ['document.transitioned'],
      secret,
    });
    expect(hook.status).toBe(201);
    expect(hook.body.secret).toBeUndefined();
    const doc = await deactivateWarehouse('WH-A');

    const log = await until('a delivered delivery', async () => {
      const items = (await admin.call('GET', `/api/webhooks/${hook.body.id}/deliveries`)).body.items;
      return items[0]?.status === 'delivered' ? items : undefined;
    });
    expect(log).toHaveLength(1);
    expect(log[0].attempts.map((a: any) => a.status)).toEqual([500, 500, 204]);
    expect(log[0].body).toMatchObject({
      event: 'document.transitioned',
      data: { type: 'warehouse', id: doc.id, transition: 'deactivate', from: 'active', to: 'inactive' },
    });

    const accepted = target.received.filter((r) => r.answered === 204);
    expect(accepted).toHaveLength(1);
    expect(target.received).toHaveLength(3);
    const [ok] = accepted;
    const nowSec = Math.floor(Date.now() / 1000);
    const signed = {
      secret,
      timestamp: String(ok.headers['x-jxc-timestamp']),
      body: ok.body,
      signature: String(ok.headers['x-jxc-signature']),
      nowSec,
    };
    expect(verify(signed)).toBe(true);
    expect(verify({ ...signed, body: ok.body.replace('inactive', 'active!') })).toBe(false);
    expect(verify({ ...signed, secret: 'another-secret-value' })).toBe(false);
    expect(JSON.parse(ok.body).id).toBe(`${doc.id}-${doc.version}`);
  });

  it('does not follow a redirect, and an admin can redeliver', async () => {
    let redirect = true;
    const elsewhere = await receiver(() => ({ status: 204 }));
    const target = await receiver(() => (redirect ? { status: 302, location: elsewhere.url } : { status: 200 }));
    servers.push(target.server, elsewhere.server);
    const hook = (
      await admin.call('POST', '/api/webhooks', { url: target.url, events: ['document.transitioned'], secret })
    ).body;
    await deactivateWarehouse('WH-B');
    const failed = await until('a failed delivery', async () => {
      const items = (await admin.call('GET', `/api/webhooks/${hook.id}/deliveries`)).body.items;
      return items[0]?.status === 'failed' ? items[0] : undefined;
    });
    expect(failed.attempts).toHaveLength(5);
    expect(failed.attempts[0].error).toContain('not followed');
    expect(elsewhere.received).toHaveLength(0);

    redirect = false;
    expect((await admin.call('POST', `/api/webhooks/${hook.id}/deliveries/${failed.id}/redeliver`)).status).toBe(202);
    const delivered = await until('the redelivery', async () => {
      const items = (await admin.call('GET', `/api/webhooks/${hook.id}/deliveries`)).body.items;
      return items[0]?.status === 'delivered' ? items[0] : undefined;
    });
    expect(delivered.attempts).toHaveLength(6);
    expect(delivered.redeliveries).toBe(1);
  });

  it('refuses a non-admin, and a URL with credentials with 422 naming the field', async () => {
    const bad = await admin.call('POST', '/api/webhooks', {
      url: 'http://user:pw@127.0.0.1/x',
      events: ['stock.low'],
      secret,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/url');
    const unknownEvent = await admin.call('POST', '/api/webhooks', {
      url: 'http://127.0.0.1/x',
      events: ['everything'],
      secret,
    });
    expect(unknownEvent.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(unknownEvent.body.errors)).toContain('events');
  });
});
