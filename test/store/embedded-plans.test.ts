// The embedded store's query planner, over the engine's real hot paths (HTTP
// through the whole engine) and on its own: which index each query walks, that
// `sort + limit` reads only the page it returns, and that what no index serves
// still works by scanning.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTS_COLLECTION, resumeIntents } from '../../engine/documents/intents';
import { resumePendingEffects } from '../../engine/documents/resume-effects';
import { openEmbeddedStore, queryPlans, type Explain } from '../../engine/store/embedded/index';
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
    const [plan] = await plansDuring('documents_sales_order', () =>
      ok('GET', `/api/documents/sales_order?customer=${h.customerC.id}&limit=5`),
    );
    expect(plan).toMatchObject({
      plan: 'index',
      index: 'def_data_customer_1_createdAt_-1',
      sortedByIndex: true,
      returned: 6,
    });
    expect(plan.examined).toBeLessThanOrEqual(7);
  });

  it('lists by state through state_created', async () => {
    const [plan] = await plansDuring('documents_sales_order', () =>
      ok('GET', '/api/documents/sales_order?state=draft&limit=5'),
    );
    expect(plan).toMatchObject({ plan: 'index', index: 'state_created', sortedByIndex: true, returned: 6 });
  });

  it('reads a document’s events through doc_seq', async () => {
    const order = await createDoc(h.clerk, 'sales_order', orderData(h, [{ qty: 1, price: 10 }]));
    const plans = await plansDuring('events', () => ok('GET', `/api/documents/sales_order/${order.id}/history`));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan).toMatchObject({ plan: 'index', index: 'doc_seq' });
  });

  it('reads the level of a product in a warehouse through product_warehouse', async () => {
    const plans = await plansDuring('stock_levels', () =>
      ok('GET', `/api/inventory/levels?product=${h.product.id}&warehouse=${h.warehouse.id}`),
    );
    expect(plans).toEqual([expect.objectContaining({ plan: 'index', index: 'product_warehouse', returned: 1 })]);
  });

  it('sweeps changes left in flight through claimed_at, and pending effects through status_created', async () => {
    const old = new Date(Date.now() - 3600_000);
    await h.t.store.collection(INTENTS_COLLECTION).insertOne({
      _id: 'stale-intent',
      kind: 'intent',
      docId: 'no-such-order',
      type: 'sales_order',
      seq: 2,
      baseVersion: 1,
      status: 'pending',
      claim: 'dead-request',
      claimedAt: old,
      effects: [],
      planned: {},
      createdAt: old,
    });
    const ctx = { store: h.t.store, engine: h.app.engine, log: h.app.log };
    let settled: Awaited<ReturnType<typeof resumeIntents>> = [];
    const intents = await plansDuring(INTENTS_COLLECTION, async () => (settled = await resumeIntents(ctx)));
    expect(settled).toEqual([{ id: 'stale-intent', outcome: 'compensated' }]);
    expect(intents[0]).toMatchObject({ plan: 'index', index: 'claimed_at', returned: 1 });
    const effects = await plansDuring('outbox', () => resumePendingEffects(ctx));
    expect(effects).toEqual([expect.objectContaining({ plan: 'index', index: 'status_created' })]);
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

describe('embedded store planner', () => {
  let store: Awaited<ReturnType<typeof openTemp>>;
  async function openTemp() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'embedded-plans-'));
    const opened = await openEmbeddedStore({ dataDir: dir, fsync: false });
    return { store: opened, dir };
  }
  beforeAll(async () => {
    store = await openTemp();
  });
  afterAll(async () => {
    await store.store.close();
    await rm(store.dir, { recursive: true, force: true });
  });
  const last = (): Explain | undefined => queryPlans(store.store)?.recent().at(-1);

  it('walks a range backwards for a descending sort and stops after the limit', async () => {
    const c = store.store.collection('ranged');
    await c.createIndex({ name: 'qty', keys: { qty: 1 } });
    await c.insertMany(Array.from({ length: 100 }, (_, i) => ({ qty: i })));
    const docs = await c.find({ qty: { $gte: 10, $lt: 50 } }, { sort: { qty: -1 }, limit: 3 });
    expect(docs.map((d) => d.qty)).toEqual([49, 48, 47]);
    expect(last()).toMatchObject({ plan: 'index', index: 'qty', sortedByIndex: true, returned: 3 });
    expect(last()?.examined).toBeLessThanOrEqual(4);
  });

  it('orders values of mixed types along an index exactly as a sort without one', async () => {
    const values = [null, 3, -1.5, 'b', 'a', new Date(5), true, false, '', 0, new Date(1), 'zz', undefined];
    const indexed = store.store.collection('mixed_indexed');
    const plain = store.store.collection('mixed_plain');
    await indexed.createIndex({ name: 'v', keys: { v: 1 } });
    const docs = values.map((v, i) => ({ _id: `m${String(i).padStart(2, '0')}`, ...(v === undefined ? {} : { v }) }));
    await indexed.insertMany(docs);
    await plain.insertMany(docs);
    for (const dir of [1, -1] as const) {
      const viaIndex = await indexed.find({}, { sort: { v: dir, _id: dir } });
      expect(last()).toMatchObject({ plan: 'index', sortedByIndex: true });
      expect(viaIndex).toEqual(await plain.find({}, { sort: { v: dir, _id: dir } }));
    }
  });

  it('sorts long strings that share an index-key prefix by their whole value', async () => {
    const c = store.store.collection('long_names');
    await c.createIndex({ name: 'name', keys: { name: 1 } });
    const stem = '长'.repeat(150);
    await c.insertMany(['c', 'a', 'b'].map((tail) => ({ _id: tail, name: stem + tail })));
    await c.insertOne({ _id: 'short', name: '龙' });
    expect((await c.find({}, { sort: { name: 1 }, limit: 2 })).map((d) => d._id)).toEqual(['a', 'b']);
    expect((await c.find({ name: stem + 'b' })).map((d) => d._id)).toEqual(['b']);
    expect(last()).toMatchObject({ plan: 'index', index: 'name' });
  });

  it('stops using an index once a document holds an array there, and still answers by scanning', async () => {
    const c = store.store.collection('tagged');
    await c.createIndex({ name: 'tags', keys: { tags: 1 } });
    await c.insertMany([
      { _id: 't1', tags: 'red' },
      { _id: 't2', tags: ['blue', 'red'] },
      { _id: 't3', tags: 'blue' },
    ]);
    expect((await c.find({ tags: 'red' }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['t1', 't2']);
    expect(last()).toMatchObject({ plan: 'scan' });
  });

  it('answers $in over an index once per document, and filters no index serves by scanning', async () => {
    const c = store.store.collection('skus');
    await c.createIndex({ name: 'sku', keys: { sku: 1 } });
    await c.insertMany([{ sku: 'A', note: 'x' }, { sku: 'B' }, { sku: 'C', note: 'x' }]);
    expect((await c.find({ sku: { $in: ['A', 'C', 'A'] } }, { sort: { sku: 1 } })).map((d) => d.sku)).toEqual([
      'A',
      'C',
    ]);
    expect(last()).toMatchObject({ plan: 'index', index: 'sku' });
    expect(await c.count({ note: 'x' })).toBe(2);
    expect(last()).toMatchObject({ plan: 'scan', examined: 3 });
  });

  it('finds and updates by an _id longer than an index key keeps whole', async () => {
    const c = store.store.collection('long_ids');
    const id = `scope:${'x'.repeat(300)}:key`;
    await c.insertOne({ _id: id, claim: 'a' });
    expect(await c.updateOne({ _id: id, claim: 'a' }, { $set: { response: 1 } })).toBe(true);
    expect(await c.find({ _id: { $in: [id] } })).toEqual([{ _id: id, claim: 'a', response: 1 }]);
    expect(last()).toMatchObject({ plan: 'ids' });
  });
});
