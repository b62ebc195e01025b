// Backorders by priority (订单优先级) and virtual stock (虚拟库存), over real HTTP on
// both stores: orders stock cannot cover are accepted as backorders when they ask
// to wait; arriving stock (receipts posted at the same moment) is allocated to
// them by priority, then date, exactly once and never beyond what arrived; a
// product that sells against incoming stock is sold up to the open purchase
// orders and the order shows the promised date.
import { beforeAll, expect, it } from 'vitest';
import { documentsCollection } from '../../engine/documents/index';
import { describeHttp, type User } from '../spreadsheets/http';

interface Doc {
  id: string;
  number: string;
  state: string;
  version: number;
  data: Record<string, any>;
}

interface Backorder {
  ref: { id: string };
  wanted: number;
  allocated: number;
  status: string;
  promisedDate: string | null;
}

describeHttp('backorders by priority and virtual stock', (s) => {
  let customer: string;
  let supplier: string;
  let warehouse: string;
  let scarce: string;

  const create = async (type: string, data: Record<string, unknown>, as: User = s().admin): Promise<Doc> => {
    const res = await as.json<Doc>('POST', `/api/documents/${type}`, { data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const attempt = (type: string, doc: Doc, key: string, extra: Record<string, unknown> = {}) =>
    s().admin.json<Doc & { errors?: unknown[] }>('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, {
      version: doc.version,
      ...extra,
    });
  const run = async (type: string, doc: Doc, key: string, extra: Record<string, unknown> = {}) => {
    const res = await attempt(type, doc, key, extra);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Doc;
  };
  const get = async (type: string, id: string): Promise<Doc> =>
    (await s().admin.json<Doc>('GET', `/api/documents/${type}/${id}`)).body;
  const level = async (product: string) => {
    const { body } = await s().admin.json<Array<{ onHand: number; reserved: number; available: number }>>(
      'GET',
      `/api/inventory/levels?product=${product}&warehouse=${warehouse}`,
    );
    const sum = (k: 'onHand' | 'reserved' | 'available') => body.reduce((t, r) => t + r[k], 0);
    return { onHand: sum('onHand'), reserved: sum('reserved'), available: sum('available') };
  };
  const backordersOf = async (product: string): Promise<Map<string, Backorder>> => {
    const res = await s().admin.json<Backorder[]>('GET', `/api/inventory/backorders?product=${product}`);
    expect(res.status).toBe(200);
    return new Map(res.body.map((b) => [b.ref.id, b]));
  };
  const order = (product: string, qty: number, extra: Record<string, unknown> = {}) =>
    create('sales_order', {
      customer,
      warehouse,
      orderDate: '2026-12-01',
      lines: [{ product, qty, price: 10 }],
      ...extra,
    });
  const receipt = (product: string, qty: number, extra: Record<string, unknown> = {}) =>
    create('goods_receipt', {
      supplier,
      warehouse,
      receiptDate: '2026-12-02',
      lines: [{ product, acceptedQty: qty }],
      ...extra,
    });

  beforeAll(async () => {
    customer = (await create('customer', { code: 'BO-C', name: '温州视界眼镜', creditLevel: 'B' })).id;
    supplier = (await create('supplier', { code: 'BO-S', name: '厦门镜片厂' })).id;
    warehouse = (await create('warehouse', { code: 'BO-W', name: '温州仓' })).id;
    scarce = (await create('product', { sku: 'BO-P', name: '记忆钛架', unit: '副', price: 10 })).id;
  });

  let low: Doc;
  let high: Doc;
  let mid: Doc;

  it('accepts orders stock cannot cover as backorders when they ask to wait, and refuses the others', async () => {
    // Created in an order that is not the priority order: lowest first.
    low = await run('sales_order', await order(scarce, 4, { priorityOverride: 3, acceptBackorder: true }), 'submit');
    high = await run('sales_order', await order(scarce, 4, { priorityOverride: 1, acceptBackorder: true }), 'submit');
    mid = await run('sales_order', await order(scarce, 4, { priorityOverride: 2, acceptBackorder: true }), 'submit');
    for (const o of [low, high, mid]) expect(o.state).toBe('approved');
    const refused = await attempt('sales_order', await order(scarce, 1), 'submit');
    expect(refused.status).toBe(422);
    const waiting = await backordersOf(scarce);
    expect(waiting.size).toBe(3);
    expect([...waiting.values()].map((b) => [b.wanted, b.allocated, b.status])).toEqual(
      Array(3).fill([4, 0, 'waiting']),
    );
    expect(await level(scarce)).toEqual({ onHand: 0, reserved: 0, available: 0 });
  });

  it('allocates receipts posted at the same moment by priority, exactly once', async () => {
    const receipts = await Promise.all([1, 2, 3, 4, 5].map(() => receipt(scarce, 2)));
    const posted = await Promise.all(receipts.map((r) => attempt('goods_receipt', r, 'post')));
    expect(posted.map((p) => p.status)).toEqual([200, 200, 200, 200, 200]);
    const after = await backordersOf(scarce);
    expect([high, mid, low].map((o) => [after.get(o.id)?.allocated, after.get(o.id)?.status])).toEqual([
      [4, 'filled'],
      [4, 'filled'],
      [2, 'waiting'],
    ]);
    // What arrived, reserved once: no more, no less.
    expect(await level(scarce)).toEqual({ onHand: 10, reserved: 10, available: 0 });
  });

  it('fills the last one with the next receipt, and a filled backorder ships from its reservation', async () => {
    await run('goods_receipt', await receipt(scarce, 3), 'post');
    expect((await backordersOf(scarce)).get(low.id)).toMatchObject({ allocated: 4, status: 'filled' });
    expect(await level(scarce)).toEqual({ onHand: 13, reserved: 12, available: 1 });
    const shipped = await run('sales_order', await get('sales_order', high.id), 'ship');
    expect(shipped.state).toBe('shipped');
    expect(await level(scarce)).toEqual({ onHand: 9, reserved: 8, available: 1 });
  });

  it('stops allocating to a cancelled backorder', async () => {
    const waiting = await run('sales_order', await order(scarce, 3, { acceptBackorder: true }), 'submit');
    // The one available unit went to it at once.
    expect((await backordersOf(scarce)).get(waiting.id)).toMatchObject({ allocated: 1, status: 'waiting' });
    await run('sales_order', waiting, 'cancel', { reason: '客户改单' });
    expect((await backordersOf(scarce)).get(waiting.id)).toMatchObject({ status: 'cancelled' });
    await run('goods_receipt', await receipt(scarce, 2), 'post');
    expect(await level(scarce)).toEqual({ onHand: 11, reserved: 8, available: 3 });
  });

  it('changes a waiting backorder exactly once: a raise waits too, a cut lowers the wait first, then gives the surplus to the next', async () => {
    const changed = (await create('product', { sku: 'BO-CR', name: '板材架', unit: '副', price: 10 })).id;
    const first = await run(
      'sales_order',
      await order(changed, 4, { priorityOverride: 1, acceptBackorder: true }),
      'submit',
    );
    const next = await run(
      'sales_order',
      await order(changed, 3, { priorityOverride: 2, acceptBackorder: true }),
      'submit',
    );
    await run('goods_receipt', await receipt(changed, 3), 'post');
    const mine = async (id: string) => {
      const res = await s().admin.json<Backorder[]>('GET', `/api/inventory/backorders?product=${changed}`);
      const of = res.body.filter((b) => b.ref.id === id && b.status !== 'cancelled');
      return {
        wanted: of.reduce((t, b) => t + b.wanted, 0),
        allocated: of.reduce((t, b) => t + b.allocated, 0),
        waiting: of.some((b) => b.status === 'waiting'),
      };
    };
    expect(await mine(first.id)).toEqual({ wanted: 4, allocated: 3, waiting: true });
    const change = async (doc: Doc, qty: number) => {
      const res = await s().admin.json<Doc>('POST', `/api/documents/sales_order/${doc.id}/change-requests`, {
        patch: { lines: [{ product: changed, qty, price: 10 }] },
        reason: '客户改量',
        version: doc.version,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.data.lines[0].qty).toBe(qty);
      return res.body;
    };
    // 4 → 6: stock is short, so the 2 more wait as well; nothing is reserved or refused.
    const raised = await change(first, 6);
    expect(await mine(first.id)).toEqual({ wanted: 6, allocated: 3, waiting: true });
    expect(await level(changed)).toEqual({ onHand: 3, reserved: 3, available: 0 });
    await run('goods_receipt', await receipt(changed, 2), 'post');
    expect(await mine(first.id)).toEqual({ wanted: 6, allocated: 5, waiting: true });
    expect(await mine(next.id)).toEqual({ wanted: 3, allocated: 0, waiting: true });
    // 6 → 2: the 1 still awaited goes first, then 3 of the 5 granted are released, to the next in line.
    await change(raised, 2);
    expect(await mine(first.id)).toEqual({ wanted: 2, allocated: 2, waiting: false });
    expect(await mine(next.id)).toEqual({ wanted: 3, allocated: 3, waiting: false });
    expect(await level(changed)).toEqual({ onHand: 5, reserved: 5, available: 0 });
    // Applied once: the release effect run again (a retry under its key) changes nothing.
    const engine = s().t.app.engine;
    const [entry] = await s()
      .t.store.collection('outbox')
      .find({ docId: first.id, effect: 'change.rebalance-release' });
    const handler = engine.effects.handler('change.rebalance-release');
    if (!entry || !handler) throw new Error('no change.rebalance-release entry');
    const doc = await documentsCollection(s().t.store, 'sales_order').findById(first.id);
    if (!doc) throw new Error('order gone');
    await handler({
      store: s().t.store,
      engine,
      doc,
      event: { actor: { id: 'retry' } } as never,
      effect: 'change.rebalance-release',
      options: entry.options as Record<string, unknown>,
      outboxId: entry._id,
    });
    expect(await mine(first.id)).toEqual({ wanted: 2, allocated: 2, waiting: false });
    expect(await mine(next.id)).toEqual({ wanted: 3, allocated: 3, waiting: false });
    expect(await level(changed)).toEqual({ onHand: 5, reserved: 5, available: 0 });
    // And it ships what it now takes, from its own reservation.
    const shipped = await run('sales_order', await get('sales_order', first.id), 'ship');
    expect(shipped.data.lines[0]).toMatchObject({ qty: 2, shippedQty: 2, remainingQty: 0 });
    expect(await level(changed)).toEqual({ onHand: 3, reserved: 3, available: 0 });
  });

  it('sets priority by rule from the customer level and delivery date, and only a manager may set it', async () => {
    const a = (await create('customer', { code: 'BO-A', name: '宁波大客户', creditLevel: 'A' })).id;
    const byLevel = await create('sales_order', {
      customer: a,
      warehouse,
      orderDate: '2026-12-01',
      lines: [{ product: scarce, qty: 1, price: 10 }],
    });
    expect(byLevel.data.priority).toBe(2);
    const urgent = await order(scarce, 1, { deliveryDate: '2026-12-03' });
    expect(urgent.data.priority).toBe(1);
    expect((await order(scarce, 1)).data.priority).toBe(3);
    const chosen = await s().manager.json<Doc>('POST', '/api/documents/sales_order', {
      data: {
        customer: a,
        warehouse,
        orderDate: '2026-12-01',
        priorityOverride: 5,
        lines: [{ product: scarce, qty: 1, price: 10 }],
      },
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.data.priority).toBe(5);
    const byClerk = await s().clerk.json<{ errors: Array<{ path: string }> }>('POST', '/api/documents/sales_order', {
      data: {
        customer,
        warehouse,
        orderDate: '2026-12-01',
        priorityOverride: 1,
        lines: [{ product: scarce, qty: 1, price: 10 }],
      },
    });
    expect(byClerk.status).toBe(403);
    expect(JSON.stringify(byClerk.body)).toContain('priorityOverride');
  });

  it('sells against incoming stock up to the open purchase orders, with the promised date on the order', async () => {
    const incoming = (
      await create('product', { sku: 'BO-V', name: '渐进片', unit: '片', price: 10, sellAgainstIncoming: true })
    ).id;
    const po = await run(
      'purchase_order',
      await create('purchase_order', {
        supplier,
        warehouse,
        orderDate: '2026-12-01',
        expectedDate: '2027-01-20',
        lines: [{ product: incoming, qty: 10, price: 5 }],
      }),
      'submit',
    );
    expect(po.state).toBe('approved');
    const sold = await run('sales_order', await order(incoming, 6), 'submit');
    expect(sold.state).toBe('approved');
    // The answer is the order as stored: promised date and version, so the next action on it is not a 409.
    expect(sold.data.promisedDate).toBe('2027-01-20');
    const stored = await get('sales_order', sold.id);
    expect(stored).toMatchObject({ version: sold.version, data: { promisedDate: '2027-01-20' } });
    expect((await backordersOf(incoming)).get(sold.id)).toMatchObject({ promisedDate: '2027-01-20', allocated: 0 });
    // 6 of the 10 incoming are promised: 5 more would oversell.
    const over = await attempt('sales_order', await order(incoming, 5), 'submit');
    expect(over.status).toBe(422);
    await run('goods_receipt', await receipt(incoming, 10, { purchaseOrder: po.id }), 'post');
    expect((await backordersOf(incoming)).get(sold.id)).toMatchObject({ allocated: 6, status: 'filled' });
    expect(await level(incoming)).toEqual({ onHand: 10, reserved: 6, available: 4 });
  });
});
