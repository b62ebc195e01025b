// Seeded sales for the report suites, small enough to compute by hand:
//   O1 上海明亮眼镜有限公司 2026-01-10  P1 10×100 + P2 5×50       = 1250  approved
//   O2 上海明亮眼镜有限公司 2026-02-05  P1 3×100 at 10% off       =  270  approved
//   O3 杭州视界眼镜店       2026-02-20  P2 20×50                  = 1000  approved
//   O4 杭州视界眼镜店       2026-02-21  P1 1×100                  =  100  draft (never counts)
import type { FastifyInstance } from 'fastify';
import { receiveStock } from '../../engine/inventory/operations';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

export interface Api {
  call(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; raw: Buffer; headers: Record<string, unknown> }>;
}

export function apiFor(app: FastifyInstance, token: string): Api {
  return {
    async call(method, url, body, headers = {}) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const type = String(res.headers['content-type'] ?? '');
      return {
        status: res.statusCode,
        body: type.includes('json') && res.body ? res.json() : res.body,
        raw: res.rawPayload,
        headers: res.headers,
      };
    },
  };
}

export interface Seeded {
  t: TestApp;
  admin: Api;
  clerk: Api;
  keeper: Api;
  ids: { c1: string; c2: string; p1: string; p2: string; w: string; orders: string[] };
}

async function create(api: Api, type: string, data: Record<string, unknown>): Promise<any> {
  const res = await api.call('POST', `/api/documents/${type}`, { data });
  if (res.status !== 201) throw new Error(`create ${type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function submit(api: Api, doc: { id: string; version: number }): Promise<void> {
  const res = await api.call('POST', `/api/documents/sales_order/${doc.id}/transitions/submit`, {
    version: doc.version,
  });
  if (res.status !== 200 || res.body.state !== 'approved')
    throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function seedSales(options: { mongoUri?: string; env?: Record<string, string> } = {}): Promise<Seeded> {
  const t = await buildTestApp({ mongoUri: options.mongoUri, env: options.env });
  const admin = apiFor(t.app, await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password));
  const password = 'Tq9-Reports#Lm2026';
  await createUser(t.app, await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password), {
    username: 'clerk.r',
    password,
    roles: ['sales_clerk'],
  });
  await createUser(t.app, await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password), {
    username: 'keeper.r',
    password,
    roles: ['warehouse_keeper'],
  });
  const clerk = apiFor(t.app, await login(t.app, 'clerk.r', password));
  const keeper = apiFor(t.app, await login(t.app, 'keeper.r', password));
  const c1 = (
    await create(admin, 'customer', {
      code: 'C001',
      name: '上海明亮眼镜有限公司',
      creditLevel: 'A',
      creditLimit: 1_000_000,
    })
  ).id;
  const c2 = (
    await create(admin, 'customer', { code: 'C002', name: '杭州视界眼镜店', creditLevel: 'A', creditLimit: 1_000_000 })
  ).id;
  const w = (await create(admin, 'warehouse', { code: 'W01', name: '上海总仓' })).id;
  const p1 = (
    await create(admin, 'product', { sku: 'FR-001', name: '钛合金镜架', unit: '副', price: 100, category: 'frames' })
  ).id;
  const p2 = (
    await create(admin, 'product', { sku: 'LS-001', name: '防蓝光镜片', unit: '片', price: 50, category: 'lenses' })
  ).id;
  await receiveStock({
    store: t.store,
    key: 'seed-reports',
    ref: { type: 'seed', id: 'seed' },
    warehouse: w,
    lines: [
      { product: p1, qty: 1000 },
      { product: p2, qty: 1000 },
    ],
  });
  const orders: string[] = [];
  const order = async (customer: string, orderDate: string, lines: Array<Record<string, unknown>>, submitIt = true) => {
    const doc = await create(admin, 'sales_order', { customer, warehouse: w, orderDate, lines });
    if (submitIt) await submit(admin, doc);
    orders.push(doc.id);
  };
  await order(c1, '2026-01-10', [
    { product: p1, qty: 10, price: 100 },
    { product: p2, qty: 5, price: 50 },
  ]);
  await order(c1, '2026-02-05', [{ product: p1, qty: 3, price: 100, discount: 0.1 }]);
  await order(c2, '2026-02-20', [{ product: p2, qty: 20, price: 50 }]);
  await order(c2, '2026-02-21', [{ product: p1, qty: 1, price: 100 }], false);
  return { t, admin, clerk, keeper, ids: { c1, c2, p1, p2, w, orders } };
}

/** Starts a run and polls it (with a deadline) until it is done or failed. */
export async function runReport(
  api: Api,
  key: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<any> {
  const started = await api.call('POST', `/api/reports/${key}/runs`, body, headers);
  if (started.status !== 202) throw new Error(`run ${key}: ${started.status} ${JSON.stringify(started.body)}`);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const run = await api.call('GET', `/api/reports/runs/${started.body.runId}`);
    if (run.body.status === 'done' || run.body.status === 'failed') return run.body;
    if (Date.now() > deadline) throw new Error(`run ${key} still ${run.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
