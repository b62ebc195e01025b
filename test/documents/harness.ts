// Shared set-up for the definitions and documents API suites. Every suite is a
// function run once per backend: the embedded store always, and the mongodb
// adapter (FerretDB from the global set-up, or MONGODB_URI) whenever one is there;
// under CI=true a missing MongoDB-compatible server fails instead of skipping.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { receiveStock } from '../../engine/inventory/operations';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { backends, type Backend } from '../support/backends';

export { backends, type Backend } from '../support/backends';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Client {
  token: string;
  user: { id: string; username: string; roles: string[] };
  req(
    method: Method,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export interface Harness {
  t: TestApp;
  app: FastifyInstance;
  admin: Client;
  clerk: Client;
  clerk2: Client;
  manager: Client;
  keeper: Client;
  /** Master data created by the admin: customers (A/C credit), a warehouse, products. */
  customer: { id: string };
  customerC: { id: string };
  warehouse: { id: string };
  product: { id: string };
}

function client(app: FastifyInstance, token: string, user: Client['user']): Client {
  return {
    token,
    user,
    req: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}

async function userClient(app: FastifyInstance, admin: Client, username: string, roles: string[]): Promise<Client> {
  const password = `Tq9-${username.length}-Wx7#Lm2026`;
  const user = await createUser(app, admin.token, { username, password, roles });
  return client(app, await login(app, username, password), user);
}

export interface DocView {
  id: string;
  type: string;
  number: string;
  state: string;
  version: number;
  definitionVersion: number;
  createdBy: string;
  data: Record<string, unknown>;
  approval: unknown;
}

export async function createDoc(c: Client, type: string, data: Record<string, unknown>): Promise<DocView> {
  const res = await c.req('POST', `/api/documents/${type}`, { data });
  if (res.statusCode !== 201) throw new Error(`create ${type} failed: ${res.statusCode} ${res.body}`);
  return res.json<DocView>();
}

export function orderData(
  h: Harness,
  lines: Array<{ qty: number; price: number; discount?: number }>,
  extra: Record<string, unknown> = {},
) {
  return {
    customer: h.customer.id,
    warehouse: h.warehouse.id,
    orderDate: '2026-11-20',
    lines: lines.map((l) => ({ product: h.product.id, ...l })),
    ...extra,
  };
}

export async function setUp(backend: Backend): Promise<Harness> {
  const t = await buildTestApp({ mongoUri: backend.mongoUri });
  const app = t.app;
  const adminToken = await login(app, TEST_ADMIN.username, TEST_ADMIN.password);
  const me = (
    await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${adminToken}` } })
  ).json();
  const admin = client(app, adminToken, { id: me.id, username: TEST_ADMIN.username, roles: ['admin'] });
  const [clerk, clerk2, manager, keeper] = [
    await userClient(app, admin, 'clerk.one', ['sales_clerk']),
    await userClient(app, admin, 'clerk.two', ['sales_clerk']),
    await userClient(app, admin, 'manager.one', ['sales_manager']),
    await userClient(app, admin, 'keeper.one', ['warehouse_keeper']),
  ];
  const customer = await createDoc(admin, 'customer', {
    code: 'C001',
    name: '上海明亮眼镜有限公司',
    creditLevel: 'A',
    creditLimit: 1_000_000,
    address: '上海市黄浦区南京东路 1 号',
  });
  const customerC = await createDoc(admin, 'customer', {
    code: 'C002',
    name: '杭州小店',
    creditLevel: 'C',
    creditLimit: 5000,
  });
  const warehouse = await createDoc(admin, 'warehouse', { code: 'W01', name: '上海总仓' });
  // No list price (0), so clerks may price test lines freely; price floors are tested in test/pricing.
  const product = await createDoc(admin, 'product', { sku: 'FR-001', name: '钛合金镜架', unit: '副', price: 0 });
  return { t, app, admin, clerk, clerk2, manager, keeper, customer, customerC, warehouse, product };
}

/**
 * Puts `qty` of the harness's product into its warehouse. Submitting a sales
 * order reserves stock before the order is approved, and a shortage refuses it.
 */
export async function stockUp(h: Harness, qty = 1_000_000): Promise<void> {
  await receiveStock({
    store: h.t.store,
    key: `stock-up:${h.warehouse.id}:${qty}`,
    ref: { type: 'seed', id: 'seed' },
    warehouse: h.warehouse.id,
    lines: [{ product: h.product.id, qty }],
  });
}

/** Runs `suite` once per backend with a fresh engine for each. */
export function describeApi(title: string, suite: (h: () => Harness, backend: Backend) => void): void {
  for (const backend of backends()) {
    describe(`${title} [${backend.name}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        harness = await setUp(backend);
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
