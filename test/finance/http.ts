// Real-HTTP helpers for the finance suites: an engine listening on a port, users
// per role, documents created and moved through their states, report runs.
import { expect } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import type { Backend } from '../support/backends';

export interface Reply<T = any> {
  status: number;
  body: T;
}

export interface Http {
  userId: string;
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  download(path: string): Promise<ArrayBuffer>;
}

export interface Doc {
  id: string;
  number: string;
  state: string;
  version: number;
  data: Record<string, any>;
}

function http(baseUrl: string, token: string, userId: string): Http {
  return {
    userId,
    async call(method, path, body, headers) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...headers,
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async download(path) {
      const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`download ${path}: ${res.status}`);
      return res.arrayBuffer();
    },
  };
}

export type Role = 'admin' | 'buyer' | 'buyerBoss' | 'keeper' | 'clerk' | 'salesBoss' | 'finance';

export async function startEngine(backend: Backend): Promise<{ t: TestApp; as: Record<Role, Http> }> {
  const t = await buildTestApp({ mongoUri: backend.mongoUri });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test engine is not listening');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const adminToken = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  const user = async (username: string, roles: string[]): Promise<Http> => {
    const password = `Tq9-${username.length}-Wx7#Lm2026`;
    const created = await createUser(t.app, adminToken, { username, password, roles });
    return http(baseUrl, await login(t.app, username, password), created.id);
  };
  const as: Record<Role, Http> = {
    admin: http(baseUrl, adminToken, 'admin'),
    buyer: await user('fin.buyer', ['purchaser']),
    buyerBoss: await user('fin.buyer.boss', ['purchase_manager']),
    keeper: await user('fin.keeper', ['warehouse_keeper']),
    clerk: await user('fin.clerk', ['sales_clerk']),
    salesBoss: await user('fin.sales.boss', ['sales_manager']),
    finance: await user('fin.finance', ['finance_manager']),
  };
  return { t, as };
}

export async function create(c: Http, type: string, data: Record<string, unknown>): Promise<Doc> {
  const res = await c.call<Doc>('POST', `/api/documents/${type}`, { data });
  if (res.status !== 201) throw new Error(`create ${type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function transition(c: Http, type: string, doc: Doc, key: string): Promise<Doc> {
  const res = await c.call<Doc>('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, {
    version: doc.version,
  });
  if (res.status !== 200) throw new Error(`${type} ${key}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function runReport(
  c: Http,
  key: string,
  params: Record<string, unknown>,
  format?: string,
  locale?: 'zh-CN' | 'en',
): Promise<any> {
  const started = await c.call(
    'POST',
    `/api/reports/${key}/runs`,
    { params, ...(format ? { format } : {}) },
    locale ? { 'accept-language': locale } : undefined,
  );
  if (started.status !== 202) throw new Error(`run ${key}: ${started.status} ${JSON.stringify(started.body)}`);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const run = await c.call('GET', `/api/reports/runs/${started.body.runId}`);
    if (run.body.status === 'done') return format ? run.body : run.body.result;
    if (run.body.status === 'failed') throw new Error(`run ${key} failed: ${JSON.stringify(run.body)}`);
    if (Date.now() > deadline) throw new Error(`run ${key} still ${run.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every voucher balances to the cent. */
export async function expectVouchersBalance(c: Http): Promise<Doc[]> {
  const res = await c.call<{ items: Doc[] }>('GET', '/api/documents/voucher?limit=100');
  expect(res.status).toBe(200);
  for (const v of res.body.items) {
    const cents = (k: 'debit' | 'credit') =>
      v.data.lines.reduce((s: number, l: Record<string, number>) => s + Math.round(l[k] * 100), 0);
    expect(cents('debit')).toBe(cents('credit'));
    expect(cents('debit')).not.toBe(0);
  }
  return res.body.items;
}
