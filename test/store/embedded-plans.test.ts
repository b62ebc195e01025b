// The embedded store's query planner, over the engine's real hot paths (HTTP
// through the whole engine) and on its own: which index each query walks, that
// `sort + limit` reads only the page it returns, and that what no index serves
// still works by scanning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPlans, type Explain } from '../../engine/store/embedded/index';
import { createDoc, orderData, setUp, stockUp, type Harness } from '../documents/harness';

let h: Harness;

beforeAll(async () => {
  h = await setUp({ name: 'embedded' });
  await stockUp(h);
  for (let i = 0; i < 30; i += 1) {
    const customer = i % 3 === 0 ? h.customerC.id : h.customer.id;
    await createDoc(h.clerk, 'sales_order', orderData(h, [{ qty: 1, price: 10 }], { customer }));
  }
});

afterAll(async () => {
  await h?.t.close();
});

/** The plans the store chose while `work` ran, for one collection. */
async function plansDuring(collection: string, work: () => Promise<unknown>): Promise<Explain[]> {
  const plans = queryPlans(h.t.store);
  if (!plans) throw new Error('not an embedded store');
  plans.clear();
  await work();
  return plans.recent().filter((p) => p.collection === collection);
}

const ok = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers?: Record<string, string>) => {
  const res = await h.admin.req(method, url, payload, headers);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<Record<string, unknown>>();
};

describe('embedded store hot paths use an index', () => {
  it('lists the 20 newest orders by walking the created index, reading only the page', async () => {
    const [plan] = await plansDuring('documents_sales_order', () => ok('GET', '/api/documents/sales_order?limit=20'));
    expect(plan).toMatchObject({ plan: 'index', index: 'created', sortedByIndex: true, returned: 21 });
    expect(plan.examined).toBeLessThanOrEqual(22);
  });

  it('lists the next page from the cursor without reading the first page again', async () => {
    const first = await ok('GET', '/api/documents/sales_order?limit=10');
    const [plan] = await plansDuring('documents_sales_order', () =>
      ok('GET', `/api/documents/sales_order?limit=10&cursor=${String(first.nextCursor)}`),
    );
    expect(plan).toMatchObject({ plan: 'index', index: 'created', sortedByIndex: true, returned: 11 });
    expect(plan.examined).toBeLessThanOrEqual(12);
  });

  it('lists by customer through the definition index on data.customer', async () => {
    const [plan] = await plansDuring('documents_sales_order', () => ok('GET', `/api/documents/sales_order?customer=${h.customerC.id}&limit=5`));
    expect(plan).toMatchObject({ plan: 'index', index: 'def_data_customer_1_createdAt_-1', sortedByIndex: true, returned: 6 });
    expect(plan.examined).toBeLessThanOrEqual(7);
  });

  it('lists by state through state_created', async () => {
    const [plan] = await plansDuring('documents_sales_order', () => ok('GET', '/api/documents/sales_order?state=draft&limit=5'));
    expect(plan).toMatchObject({ plan: 'index', index: 'state_created', sortedByIndex: true, returned: 6 });
  });

  it('reads a document’s events through doc_seq', async () => {
    const order = await createDoc(h.clerk, 'sales_order', orderData(h, [{ qty: 1, price: 10 }]));
    const plans = await plansDuring('events', () => ok('GET', `/api/documents/sales_order/${order.id}/history`));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan).toMatchObject({ plan: 'index', index: 'doc_seq' });
  });

  it('reads the level of a product in a warehouse through product_warehouse', async () => {
    const plans = await plansDuring('stock_levels', () => ok('GET', `/api/inventory/levels?product=${h.product.id}&warehouse=${h.warehouse.id}`));
    expect(plans).toEqual([expect.objectContaining({ plan: 'index', index: 'product_warehouse', returned: 1 })]);
  });

  it('creates an order with an Idempotency-Key without scanning any collection', async () => {
    const plans = queryPlans(h.t.store);
    plans?.clear();
    const headers = { 'idempotency-key': 'hot-path-1' };
    const body = { data: orderData(h, [{ qty: 2, price: 10 }]) };
    await ok('POST', '/api/documents/sales_order', body, headers);
    await ok('POST', '/api/documents/sales_order', body, headers);
    const recent = plans?.recent() ?? [];
    expect(recent.length).toBeGreaterThan(0);
    const scans = recent.filter((p) => p.plan === 'scan' && !p.sortedByIndex);
    expect(scans.map((p) => p.collection)).toEqual([]);
  });
});
