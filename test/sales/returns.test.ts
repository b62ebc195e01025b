// Sales returns put goods back into stock: into the original order's warehouse by
// default, into a named return warehouse, or — damaged or uninspected goods —
// into a quarantine warehouse, where they are not sellable stock of the main one.
import { beforeAll, expect, it } from 'vitest';
import { describeHttp } from '../spreadsheets/http';

interface Doc {
  id: string;
  state: string;
  version: number;
  data: Record<string, unknown>;
}

describeHttp('sales_return receive', (s) => {
  let customer: string;
  let main: string;
  let quarantine: string;
  let product: string;
  let keeperToken: string;

  const create = async (type: string, data: Record<string, unknown>): Promise<Doc> => {
    const res = await s().admin.json<Doc>('POST', `/api/documents/${type}`, { data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const run = async (
    token: string,
    type: string,
    doc: Doc,
    key: string,
    extra: Record<string, unknown> = {},
  ): Promise<Doc> => {
    const res = await fetch(`${s().base}/api/documents/${type}/${doc.id}/transitions/${key}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: doc.version, ...extra }),
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  };
  const onHand = async (warehouse: string): Promise<number> => {
    const { body } = await s().admin.json<Array<{ onHand: number }>>(
      'GET',
      `/api/inventory/levels?product=${product}&warehouse=${warehouse}`,
    );
    return body.reduce((sum, level) => sum + level.onHand, 0);
  };
  /** Submitted by the admin, approved by the sales manager, received by the warehouse keeper. */
  const receiveReturn = async (data: Record<string, unknown>): Promise<Doc> => {
    const submitted = await run(s().admin.token, 'sales_return', await create('sales_return', data), 'submit');
    expect(submitted.state).toBe('pending_review');
    const approve = await s().manager.json<Doc>('POST', `/api/documents/sales_return/${submitted.id}/approve`, {
      comment: '同意退货',
    });
    expect(approve.body.state).toBe('approved');
    return run(keeperToken, 'sales_return', approve.body, 'receive');
  };
  const returnData = (qty: number, extra: Record<string, unknown>) => ({
    customer,
    returnDate: '2026-11-25',
    reason: '镜腿松动',
    lines: [{ product, qty, price: 100 }],
    ...extra,
  });

  beforeAll(async () => {
    customer = (await create('customer', { code: 'RT-C', name: '退货客户' })).id;
    main = (await create('warehouse', { code: 'RT-MAIN', name: '主仓' })).id;
    quarantine = (await create('warehouse', { code: 'RT-QC', name: '隔离仓（待检）' })).id;
    product = (await create('product', { sku: 'RT-P', name: '镜架', unit: '副', price: 100 })).id;
    const password = 'Kp4-keeper-Zx9#2026';
    const user = await s().admin.json('POST', '/api/users', {
      username: 'rt.keeper',
      password,
      roles: ['warehouse_keeper'],
    });
    expect(user.status).toBe(201);
    const login = await fetch(`${s().base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rt.keeper', password }),
    });
    keeperToken = (await login.json()).token;
    // Opening stock: a return of 10 into the main warehouse, the plain path.
    const opening = await receiveReturn(returnData(10, { warehouse: main }));
    expect(opening.data.receiveWarehouse).toBe(main);
  });

  it("puts a return of a shipped order back into the order's warehouse", async () => {
    expect(await onHand(main)).toBe(10);
    const order = await create('sales_order', {
      customer,
      warehouse: main,
      orderDate: '2026-11-20',
      lines: [{ product, qty: 4 }],
    });
    const approved = await run(s().admin.token, 'sales_order', order, 'submit');
    expect(approved.state).toBe('approved');
    await run(keeperToken, 'sales_order', approved, 'ship');
    expect(await onHand(main)).toBe(6);

    const received = await receiveReturn(returnData(1, { salesOrder: order.id }));
    expect(received).toMatchObject({ state: 'received', data: { receiveWarehouse: main, quarantine: false } });
    expect(await onHand(main)).toBe(7);
  });

  it('puts a quarantined return into the quarantine warehouse, not back into sellable stock', async () => {
    const received = await receiveReturn(
      returnData(2, { warehouse: main, quarantine: true, quarantineWarehouse: quarantine }),
    );
    expect(received.data.receiveWarehouse).toBe(quarantine);
    expect(await onHand(quarantine)).toBe(2);
    expect(await onHand(main)).toBe(7);
  });

  it('refuses a return with nowhere to put the goods, naming the receiving warehouse', async () => {
    const res = await s().admin.json<{ errors: Array<{ path: string }> }>('POST', '/api/documents/sales_return', {
      data: returnData(1, { quarantine: true, warehouse: main }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.path)).toEqual(['/receiveWarehouse']);
  });
});
