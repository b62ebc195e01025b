// Finding 10: HSTS and upgrade-insecure-requests only when configured as served
// over TLS; API and export answers are not cached; a client's X-Request-Id is
// echoed only in a bounded safe form; a PATCH that changes nothing keeps the version.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDoc, describeApprovals, order } from '../approvals/harness';
import { buildTestApp, type TestApp } from '../support/app';

describeApprovals('HTTP answers', (h) => {
  it('sends no HSTS and no upgrade-insecure-requests over plain HTTP', async () => {
    const res = await fetch(`${h().baseUrl}/health`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy') ?? '').not.toContain('upgrade-insecure-requests');
  });

  it('marks API answers and exports Cache-Control: no-store', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', order(h(), 1, 100).data);
    expect(
      (
        await fetch(`${h().baseUrl}/api/documents/sales_order/${doc.id}`, {
          headers: { authorization: `Bearer ${await token(h)}` },
        })
      ).headers.get('cache-control'),
    ).toBe('no-store');
    const exported = await fetch(`${h().baseUrl}/api/documents/sales_order/export`, {
      headers: { authorization: `Bearer ${await token(h)}` },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('cache-control')).toBe('no-store');
  });

  it('echoes a safe X-Request-Id and replaces an unsafe or long one', async () => {
    const safe = await fetch(`${h().baseUrl}/health`, { headers: { 'x-request-id': 'lb-trace_01.abc' } });
    expect(safe.headers.get('x-request-id')).toBe('lb-trace_01.abc');
    for (const bad of ['<script>alert(1)</script>', 'x'.repeat(65)]) {
      const res = await fetch(`${h().baseUrl}/health`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).not.toBe(bad);
      expect(res.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    }
  });

  it('keeps the version when a PATCH changes nothing', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', order(h(), 1, 100).data);
    const res = await h().clerk.call('PATCH', `/api/documents/sales_order/${doc.id}`, {
      data: {},
      version: doc.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(doc.version);
    const history = await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}/history`);
    expect(history.body.items).toHaveLength(1);
  });
});

async function token(h: () => { t: TestApp }): Promise<string> {
  const res = await h().t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'Admin-Test-Pass-2026' },
  });
  return res.json<{ token: string }>().token;
}

describe('HTTP answers when served over TLS', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await buildTestApp({ env: { PUBLIC_TLS: 'true' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends HSTS and upgrade-insecure-requests', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});
