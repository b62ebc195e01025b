// "再来一单" and order templates (issue 17, part 2): a new draft from a past
// order or a customer's template, with today's prices re-applied and the old
// ones shown beside them, linked to where it came from.
import { beforeAll, expect, it } from 'vitest';
import { describeHttp } from '../spreadsheets/http';
import { create, links, read, run, stockUp, type Doc } from './orders-http';

interface Again {
  order: Doc;
  from: { type: string; id: string; number: string };
  lines: Array<Record<string, unknown>>;
}

describeHttp('order again and order templates', (s) => {
  let customer: string;
  let warehouse: string;
  let tea: Doc;
  let jar: string;
  let past: Doc;

  beforeAll(async () => {
    const { admin, clerk } = s();
    customer = (await create(admin, 'customer', { code: 'C-R1', name: '杭州茶庄' })).id;
    warehouse = (await create(admin, 'warehouse', { code: 'W-R1', name: '杭州仓' })).id;
    tea = await create(admin, 'product', { sku: 'TEA-1', name: '龙井', unit: '罐', price: 10 });
    jar = (
      await create(admin, 'product', {
        sku: 'JAR-1',
        name: '茶叶罐',
        unit: '个',
        units: [{ unit: '箱', factor: 6 }],
        price: 5,
      })
    ).id;
    await stockUp(s(), tea.id, warehouse, 100);
    await stockUp(s(), jar, warehouse, 100);
    const order = await create(clerk, 'sales_order', {
      customer,
      warehouse,
      orderDate: '2026-10-01',
      paymentTerms: 'net30',
      remark: '国庆备货',
      lines: [
        { product: tea.id, qty: 4, price: 12 },
        { product: jar, qty: 2, unit: '箱' },
      ],
    });
    past = await run(s(), clerk, 'sales_order', order, 'submit');
    // The price list moves on after the order: 龙井 10 → 11, the jar 5 → 5.5 (33 per 箱).
    const patch = async (id: string, version: number, price: number) => {
      const res = await admin.json('PATCH', `/api/documents/product/${id}`, { data: { price }, version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await patch(tea.id, tea.version, 11);
    await patch(jar, (await read(admin, 'product', jar)).version, 5.5);
  });

  it('makes a new draft from a past order with today’s prices, showing the old ones beside them', async () => {
    const res = await s().clerk.json<Again>('POST', `/api/sales/orders/${past.id}/reorder`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { order, from, lines } = res.body;
    expect(from).toEqual({ type: 'sales_order', id: past.id, number: past.number });
    expect(order.state).toBe('draft');
    expect(order.createdBy).toBe(s().clerk.id);
    expect(order.id).not.toBe(past.id);
    expect(order.data).toMatchObject({ customer, warehouse, paymentTerms: 'net30', total: 110 });
    expect(order.data.orderDate).not.toBe('2026-10-01');
    expect(order.data.remark).toBeUndefined();
    expect(order.data.lines).toEqual([
      expect.objectContaining({ product: tea.id, qty: 4, price: 11, amount: 44 }),
      expect.objectContaining({ product: jar, qty: 2, unit: '箱', price: 33, amount: 66 }),
    ]);
    expect(lines).toEqual([
      { product: tea.id, qty: 4, price: 11, discount: 0, previousPrice: 12, previousDiscount: 0 },
      { product: jar, qty: 2, unit: '箱', price: 33, discount: 0, previousPrice: 30, previousDiscount: 0 },
    ]);
    expect(await links(s().clerk, 'sales_order', order.id)).toEqual([
      expect.objectContaining({ relation: 'created_by', type: 'sales_order', id: past.id }),
    ]);
    // The past order is untouched.
    expect((await read(s().clerk, 'sales_order', past.id)).data.lines).toEqual([
      expect.objectContaining({ price: 12, amount: 48 }),
      expect.objectContaining({ price: 30, amount: 60 }),
    ]);
  });

  it('answers 404 for an order the caller may not read, creating nothing', async () => {
    const before = (await s().clerk2.json<{ items: Doc[] }>('GET', '/api/documents/sales_order')).body.items.length;
    const res = await s().clerk2.json('POST', `/api/sales/orders/${past.id}/reorder`);
    expect(res.status).toBe(404);
    expect((await s().clerk2.json<{ items: Doc[] }>('GET', '/api/documents/sales_order')).body.items).toHaveLength(
      before,
    );
  });

  it('keeps an order as a customer template and orders from it at today’s prices', async () => {
    const saved = await s().clerk.json<Doc>('POST', `/api/sales/orders/${past.id}/template`, { name: '每月补货' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({
      state: 'active',
      data: {
        name: '每月补货',
        customer,
        warehouse,
        lines: [
          { product: tea.id, qty: 4 },
          { product: jar, qty: 2, unit: '箱' },
        ],
      },
    });
    const listed = await s().clerk2.json<{ items: Doc[] }>('GET', `/api/documents/order_template?customer=${customer}`);
    expect(listed.body.items.map((t) => t.id)).toEqual([saved.body.id]);
    // Another clerk of the team may order from the customer's template.
    const res = await s().clerk2.json<Again>('POST', `/api/sales/order-templates/${saved.body.id}/orders`, {
      deliveryDate: '2026-12-20',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.from).toMatchObject({ type: 'order_template', id: saved.body.id });
    expect(res.body.order).toMatchObject({
      state: 'draft',
      createdBy: s().clerk2.id,
      data: { customer, warehouse, deliveryDate: '2026-12-20', total: 110 },
    });
    expect(res.body.lines.map((l) => l.previousPrice)).toEqual([undefined, undefined]);
  });

  it('refuses to order from an inactive template, naming it in the caller’s language', async () => {
    const template = await create(s().clerk, 'order_template', {
      name: '夏季套装',
      customer,
      lines: [{ product: tea.id, qty: 1 }],
    });
    await run(s(), s().clerk, 'order_template', template, 'deactivate');
    const zh = await s().clerk.json<{ detail: string }>('POST', `/api/sales/order-templates/${template.id}/orders`, {});
    expect(zh.status).toBe(422);
    expect(zh.body.detail).toContain('「夏季套装」已停用');
    const en = await fetch(`${s().base}/api/sales/order-templates/${template.id}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${s().clerk.token}`,
        'content-type': 'application/json',
        'accept-language': 'en',
      },
      body: '{}',
    });
    expect(en.status).toBe(422);
    expect(((await en.json()) as { detail: string }).detail).toContain('夏季套装 is inactive');
  });
});
