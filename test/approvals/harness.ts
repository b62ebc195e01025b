// Shared set-up for the approval suites: a real engine listening on a port (real
// HTTP), once per backend — the embedded store always, and the mongodb adapter on
// the FerretDB (or MONGODB_URI) of the global set-up; under CI=true a missing
// server fails instead of skipping. The engine's clock is a fake one starting at
// the real time, so SLA tests move time forward instead of waiting.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe } from 'vitest';
import { receiveStock } from '../../engine/inventory/operations';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { fakeClock, type FakeClock } from '../support/clock';
import { backends, type Backend } from '../support/backends';

export { backends, type Backend } from '../support/backends';

export interface Reply {
  status: number;
  body: any;
}

export interface Client {
  user: { id: string; username: string; roles: string[] };
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
}

export interface Harness {
  t: TestApp;
  clock: FakeClock;
  baseUrl: string;
  admin: Client;
  clerk: Client;
  clerk2: Client;
  manager: Client;
  manager2: Client;
  finance: Client;
  finance2: Client;
  keeper: Client;
  director: Client;
  customerA: string;
  customerC: string;
  warehouse: string;
  product: string;
  /** Makes another user with these roles. */
  user(username: string, roles: string[]): Promise<Client>;
}

function client(baseUrl: string, token: string, user: Client['user']): Client {
  return {
    user,
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}

export async function createDoc(c: Client, type: string, data: Record<string, unknown>): Promise<any> {
  const res = await c.call('POST', `/api/documents/${type}`, { data });
  if (res.status !== 201) throw new Error(`create ${type} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An order of `qty` × `price` of the harness's product. */
export function order(
  h: Harness,
  qty: number,
  price: number,
  extra: Record<string, unknown> = {},
  type = 'sales_order',
) {
  return {
    type,
    data: {
      customer: h.customerA,
      warehouse: h.warehouse,
      orderDate: '2026-11-20',
      lines: [{ product: h.product, qty, price }],
      ...extra,
    },
  };
}

/** Creates and submits an order as `c`; returns the document after submit. */
export async function submitOrder(
  h: Harness,
  c: Client,
  qty: number,
  price: number,
  extra: Record<string, unknown> = {},
  type = 'sales_order',
): Promise<any> {
  const spec = order(h, qty, price, extra, type);
  const doc = await createDoc(c, spec.type, spec.data);
  const res = await c.call('POST', `/api/documents/${type}/${doc.id}/transitions/submit`, { version: doc.version });
  if (res.status !== 200) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const decideAs = (
  c: Client,
  doc: { type: string; id: string },
  decision: 'approve' | 'reject',
  body: object = {},
) => c.call('POST', `/api/documents/${doc.type}/${doc.id}/${decision}`, body);

export async function history(c: Client, doc: { type: string; id: string }): Promise<any[]> {
  const res = await c.call('GET', `/api/documents/${doc.type}/${doc.id}/history`);
  if (res.status !== 200) throw new Error(`history failed: ${res.status}`);
  return res.body.items;
}

export async function reservedOf(h: Harness): Promise<number> {
  const res = await h.admin.call('GET', `/api/inventory/levels?product=${h.product}&warehouse=${h.warehouse}`);
  if (res.status !== 200) throw new Error(`levels failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.items ?? res.body).reduce((sum: number, l: { reserved: number }) => sum + l.reserved, 0);
}

export interface SetUpOptions {
  /** Engine environment on top of the test defaults (e.g. INVENTORY_LEASE_MS). */
  env?: Record<string, string>;
}

export async function setUp(backend: Backend, options: SetUpOptions = {}): Promise<Harness> {
  const clock = fakeClock(new Date().toISOString());
  // Tokens outlive the simulated days of the SLA tests.
  const t = await buildTestApp({
    mongoUri: backend.mongoUri,
    env: options.env,
    auth: { now: clock.now, accessTokenTtlSec: 30 * 24 * 3600 },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const adminToken = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  const me = (
    await client(baseUrl, adminToken, { id: '', username: 'admin', roles: ['admin'] }).call('GET', '/api/auth/me')
  ).body;
  const admin = client(baseUrl, adminToken, { id: me.id, username: TEST_ADMIN.username, roles: ['admin'] });
  await admin.call('POST', '/api/roles', { key: 'director', label: { 'zh-CN': '总监', en: 'Director' } });
  const user = async (username: string, roles: string[]) => {
    const password = `Tq9-${username.length}-Wx7#Lm2026`;
    const created = await createUser(t.app, adminToken, { username, password, roles });
    return client(baseUrl, await login(t.app, username, password), created);
  };
  const clerk = await user('clerk.one', ['sales_clerk']);
  const clerk2 = await user('clerk.two', ['sales_clerk']);
  const manager = await user('manager.one', ['sales_manager']);
  const manager2 = await user('manager.two', ['sales_manager']);
  const finance = await user('finance.one', ['finance_manager']);
  const finance2 = await user('finance.two', ['finance_manager']);
  const keeper = await user('keeper.one', ['warehouse_keeper']);
  const director = await user('director.one', ['director']);
  const customerA = (
    await createDoc(admin, 'customer', {
      code: 'C001',
      name: '上海明亮眼镜有限公司',
      creditLevel: 'A',
      creditLimit: 100_000_000,
    })
  ).id;
  const customerC = (
    await createDoc(admin, 'customer', { code: 'C002', name: '杭州小店', creditLevel: 'C', creditLimit: 100_000_000 })
  ).id;
  const warehouse = (await createDoc(admin, 'warehouse', { code: 'W01', name: '上海总仓' })).id;
  const product = (await createDoc(admin, 'product', { sku: 'FR-001', name: '钛合金镜架', unit: '副', price: 100 })).id;
  await receiveStock({
    store: t.store,
    key: 'seed-stock',
    ref: { type: 'seed', id: 'seed' },
    warehouse,
    lines: [{ product, qty: 100_000 }],
  });
  return {
    t,
    clock,
    baseUrl,
    admin,
    clerk,
    clerk2,
    manager,
    manager2,
    finance,
    finance2,
    keeper,
    director,
    customerA,
    customerC,
    warehouse,
    product,
    user,
  };
}

/** Runs `suite` once per backend with a fresh engine for each. */
export function describeApprovals(
  title: string,
  suite: (h: () => Harness, backend: Backend) => void,
  options: SetUpOptions = {},
): void {
  for (const backend of backends()) {
    describe(`${title} [${backend.name}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        harness = await setUp(backend, options);
      });
      afterAll(async () => {
        await harness?.t.close();
      });
      suite(() => {
        if (!harness) throw new Error('harness not ready');
        return harness;
      }, backend);
    });
  }
}

/** Publishes a copy of the built-in sales_order under `key`, changed by `change`. */
export async function publishVariant(h: Harness, key: string, change: (def: any) => void): Promise<any> {
  const def = JSON.parse(await readFile(new URL('../../definitions/sales_order.json', import.meta.url), 'utf8'));
  def.key = key;
  delete def.version;
  change(def);
  const res = await h.admin.call('PUT', `/api/definitions/${key}`, def);
  if (res.status !== 201) throw new Error(`publishing ${key} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** What the ledger says document `id` holds reserved (units), and its release moves. */
export async function heldBy(
  h: Harness,
  id: string,
): Promise<{ reserved: number; releases: number; reserves: number }> {
  const res = await h.admin.call('GET', `/api/inventory/ledger?product=${h.product}&warehouse=${h.warehouse}`);
  if (res.status !== 200) throw new Error(`ledger failed: ${res.status} ${JSON.stringify(res.body)}`);
  const mine = (res.body.items ?? res.body).filter((m: any) => m.ref?.id === id);
  return {
    reserved: mine.reduce((sum: number, m: any) => sum + (m.delta?.reserved ?? 0), 0),
    releases: mine.filter((m: any) => m.kind === 'release').length,
    reserves: mine.filter((m: any) => m.kind === 'reserve').length,
  };
}
