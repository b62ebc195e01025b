// The credit-limit guard on sales_order submit, over real HTTP: open orders
// (waiting for approval or approved) plus this one may not pass the customer's
// credit limit, and the refusal quotes the three figures.
import { beforeAll, expect, it } from 'vitest';
import { describeHttp, type User } from '../spreadsheets/http';

interface Doc {
  id: string;
  state: string;
  version: number;
}

describeHttp('credit-limit guard on sales_order submit', (s) => {
  let customer: string;
  let warehouse: string;
  let product: string;

  beforeAll(async () => {
    const { admin } = s();
    const create = async (type: string, data: Record<string, unknown>) =>
      (await admin.json<{ id: string }>('POST', `/api/documents/${type}`, { data })).body.id;
    customer = await create('customer', { code: 'CR-1', name: '额度客户', creditLevel: 'A', creditLimit: 10000 });
    // Negative stock allowed: approval reserves stock, and this suite is about credit, not stock.
    warehouse = await create('warehouse', { code: 'CR-W', name: '信用测试仓', allowNegative: true });
    product = await create('product', { sku: 'CR-P', name: '镜架', unit: '副', price: 1000 });
  });

  const order = async (user: User, qty: number): Promise<Doc> => {
    const res = await user.json<Doc>('POST', '/api/documents/sales_order', {
      data: { customer, warehouse, orderDate: '2026-11-20', lines: [{ product, qty }] },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const submit = (user: User, doc: Doc, headers: Record<string, string> = {}) =>
    fetch(`${s().base}/api/documents/sales_order/${doc.id}/transitions/submit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ version: doc.version }),
    });

  it('refuses the order that would pass the limit with 422 quoting limit, open total and this order', async () => {
    const { manager } = s();
    const first = await order(manager, 6);
    expect(await (await submit(manager, first)).json()).toMatchObject({ state: 'approved' });
    await order(manager, 9); // a draft counts for nothing
    const second = await order(manager, 5);

    const zh = await submit(manager, second);
    expect(zh.status).toBe(422);
    expect(zh.headers.get('content-type')).toContain('application/problem+json');
    const body = await zh.json();
    expect(body).toMatchObject({
      code: 'RULE_FAILED',
      transition: 'submit',
      values: { 'related.customer.creditLimit': 10000, 'lookup.openOrdersTotal': 6000, 'data.total': 5000 },
    });
    expect(body.detail).toContain('信用额度 10,000.00');
    expect(body.detail).toContain('未结订单 6,000.00');
    expect(body.detail).toContain('本单 5,000.00');
    expect(body.i18n.en).toContain('limit 10,000.00, open orders 6,000.00, receivables 0.00, this order 5,000.00');

    const en = await (await submit(manager, second, { 'accept-language': 'en' })).json();
    expect(en.detail).toBe(
      'This order would take the customer past their credit limit: limit 10,000.00, open orders 6,000.00, receivables 0.00, this order 5,000.00; collect payment or raise the limit first',
    );
    const stored = await manager.json<Doc>('GET', `/api/documents/sales_order/${second.id}`);
    expect(stored.body).toMatchObject({ state: 'draft', version: 1 });
  });

  it('lets an order reach the limit exactly, and counts a cancelled order no longer', async () => {
    const { manager } = s();
    const { body: open } = await manager.json<{ items: Doc[] }>(
      'GET',
      `/api/documents/sales_order?customer=${customer}&state=approved`,
    );
    expect(open.items).toHaveLength(1);
    const exact = await order(manager, 4);
    expect(await (await submit(manager, exact)).json()).toMatchObject({ state: 'approved' });
    const blocked = await order(manager, 1);
    expect((await submit(manager, blocked)).status).toBe(422);

    const cancelled = await manager.json('POST', `/api/documents/sales_order/${open.items[0].id}/transitions/cancel`, {
      version: open.items[0].version,
      reason: '客户取消',
    });
    expect(cancelled.status).toBe(200);
    expect(await (await submit(manager, blocked)).json()).toMatchObject({ state: 'approved' });
  });

  it('lets exactly the orders that fit through when twelve submit at once for one customer', async () => {
    const { admin, manager } = s();
    const walkIn = (
      await admin.json<{ id: string }>('POST', '/api/documents/customer', {
        data: { code: 'CR-WALK', name: '散客', creditLevel: 'A', creditLimit: 10000 },
      })
    ).body.id;
    const orders = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await manager.json<Doc>('POST', '/api/documents/sales_order', {
          data: { customer: walkIn, warehouse, orderDate: '2026-11-20', lines: [{ product, qty: 1 }] },
        });
        expect(res.status).toBe(201);
        return res.body;
      }),
    );
    const statuses = await Promise.all(orders.map(async (doc) => (await submit(manager, doc)).status));
    expect(statuses.filter((st) => st === 200)).toHaveLength(10);
    expect(statuses.filter((st) => st === 422)).toHaveLength(2);
    const { body: open } = await manager.json<{ items: Doc[] }>(
      'GET',
      `/api/documents/sales_order?customer=${walkIn}&state=approved`,
    );
    expect(open.items).toHaveLength(10);
  });

  it('does not limit a customer whose credit limit is 0 (no limit)', async () => {
    const { admin, manager } = s();
    const unlimited = (
      await admin.json<{ id: string }>('POST', '/api/documents/customer', {
        data: { code: 'CR-0', name: '不限额客户', creditLimit: 0 },
      })
    ).body.id;
    const res = await manager.json<Doc>('POST', '/api/documents/sales_order', {
      data: { customer: unlimited, warehouse, orderDate: '2026-11-20', lines: [{ product, qty: 9 }] },
    });
    expect(await (await submit(manager, res.body)).json()).toMatchObject({ state: 'approved' });
  });
});
