// The customer 360 (issue 17, part 10): GET /api/customers/:id/overview answers
// the customer's orders, quotations, returns, after-sales cases, balance and
// most-bought products at once, each within the caller's read scope.
import { beforeAll, expect, it } from 'vitest';
import { describeHttp } from '../spreadsheets/http';
import { create, run, stockUp } from './orders-http';

interface Group {
  readable: boolean;
  count: number;
  byState: Record<string, number>;
  recent: Array<{ id: string; number: string; state: string; date?: string; total?: number }>;
}
interface Overview {
  customer: { id: string; name: string };
  orders: Group;
  quotations: Group;
  returns: Group;
  afterSales: Group;
  balance: { balance: number; overdue: number; credit: number };
  topProducts: Array<{ product: string; name: string; qty: number; unit: string; amount: number; orders: number }>;
}

describeHttp('customer 360 overview', (s) => {
  let customer: string;
  let other: string;
  let pen: string;
  let ink: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { admin, clerk, clerk2, manager } = s();
    customer = (await create(admin, 'customer', { code: 'C-360', name: '宁波文具', creditLimit: 100000 })).id;
    other = (await create(admin, 'customer', { code: 'C-361', name: '温州文具' })).id;
    const warehouse = (await create(admin, 'warehouse', { code: 'W-360', name: '宁波仓' })).id;
    pen = (
      await create(admin, 'product', {
        sku: 'PEN-1',
        name: '钢笔',
        unit: '支',
        units: [{ unit: '盒', factor: 10 }],
        price: 8,
      })
    ).id;
    ink = (await create(admin, 'product', { sku: 'INK-1', name: '墨水', unit: '瓶', price: 15 })).id;
    await stockUp(s(), pen, warehouse, 500);
    await stockUp(s(), ink, warehouse, 500);
    const order = (user: typeof clerk, orderDate: string, lines: unknown[], who = customer) =>
      create(user, 'sales_order', { customer: who, warehouse, orderDate, lines });
    // clerk: 2 盒 pens + 3 ink (approved), 5 pens (approved), 1 ink (draft)
    const a = await order(clerk, '2026-11-01', [
      { product: pen, qty: 2, unit: '盒' },
      { product: ink, qty: 3 },
    ]);
    ids.a = (await run(s(), clerk, 'sales_order', a, 'submit')).id;
    const b = await order(clerk, '2026-11-05', [{ product: pen, qty: 5 }]);
    ids.b = (await run(s(), clerk, 'sales_order', b, 'submit')).id;
    ids.c = (await order(clerk, '2026-11-09', [{ product: ink, qty: 1 }])).id;
    // clerk2: 10 ink (approved) — not the first clerk's to see
    const d = await order(clerk2, '2026-11-07', [{ product: ink, qty: 10 }]);
    ids.d = (await run(s(), clerk2, 'sales_order', d, 'submit')).id;
    // another customer's order counts nowhere here
    await run(
      s(),
      clerk,
      'sales_order',
      await order(clerk, '2026-11-08', [{ product: pen, qty: 99 }], other),
      'submit',
    );
    await create(manager, 'quotation', {
      customer,
      warehouse,
      quoteDate: '2026-11-10',
      validUntil: '2026-12-10',
      lines: [{ product: pen, qty: 1, unit: '盒' }],
    });
    ids.ret = (
      await create(clerk2, 'sales_return', {
        customer,
        returnDate: '2026-11-11',
        reason: '笔尖损坏',
        warehouse,
        lines: [{ product: ink, qty: 1, price: 15 }],
      })
    ).id;
  });

  it('gives an admin every order by state, quotations, returns, balance and the most-bought products', async () => {
    const res = await s().admin.json<Overview>('GET', `/api/customers/${customer}/overview`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const o = res.body;
    expect(o.customer).toMatchObject({ id: customer, name: '宁波文具' });
    expect(o.orders).toMatchObject({ readable: true, count: 4, byState: { approved: 3, draft: 1 } });
    expect(o.orders.recent.map((r) => r.id).sort()).toEqual([ids.a, ids.b, ids.c, ids.d].sort());
    expect(o.orders.recent.find((r) => r.id === ids.a)).toMatchObject({
      state: 'approved',
      date: '2026-11-01',
      total: 205,
    });
    expect(o.quotations).toMatchObject({ readable: true, count: 1, byState: { draft: 1 } });
    expect(o.returns).toMatchObject({ readable: true, count: 1, recent: [expect.objectContaining({ id: ids.ret })] });
    // after_sales is a built-in now; this customer has no case yet: an empty, readable group.
    expect(o.afterSales).toEqual({ readable: true, count: 0, byState: {}, recent: [] });
    expect(o.balance).toMatchObject({ balance: 0, overdue: 0 });
    // Approved orders only; 2 盒 = 20 支 plus 5 支; ink 3 + 10.
    expect(o.topProducts).toEqual([
      { product: pen, sku: 'PEN-1', name: '钢笔', unit: '支', qty: 25, amount: 200, orders: 2 },
      { product: ink, sku: 'INK-1', name: '墨水', unit: '瓶', qty: 13, amount: 195, orders: 2 },
    ]);
  });

  it('shows a clerk only what the clerk may read, in the counts and the product ranking too', async () => {
    const res = await s().clerk.json<Overview>('GET', `/api/customers/${customer}/overview`);
    expect(res.status).toBe(200);
    const o = res.body;
    expect(o.orders).toMatchObject({ count: 3, byState: { approved: 2, draft: 1 } });
    expect(o.orders.recent.map((r) => r.id)).not.toContain(ids.d);
    // The quotation is the manager's and the return the other clerk's: clerks read their own.
    expect(o.quotations.count).toBe(0);
    expect(o.returns).toMatchObject({ readable: true, count: 0, recent: [] });
    expect(o.topProducts).toEqual([
      expect.objectContaining({ product: pen, qty: 25, amount: 200, orders: 2 }),
      expect.objectContaining({ product: ink, qty: 3, amount: 45, orders: 1 }),
    ]);
  });

  it('answers 404 for a customer that does not exist', async () => {
    const res = await s().admin.json('GET', '/api/customers/000000000000000000000000/overview');
    expect(res.status).toBe(404);
  });
});
