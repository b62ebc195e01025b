import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApi, type Client } from '../documents/harness';

interface Line {
  price: number;
  discount: number;
  amount: number;
}

describeApi('sales order pricing: price groups and promotions', (h) => {
  let frame: string;
  let lens: string;
  const customers: Record<string, string> = {};

  beforeAll(async () => {
    const { admin, manager } = h();
    frame = (
      await createDoc(admin, 'product', {
        sku: 'FR-100',
        name: '板材镜架',
        unit: '副',
        price: 880,
        category: 'frames',
        groupPrices: [
          { priceGroup: 'wholesale', price: 700 },
          { priceGroup: 'vip', price: 650 },
        ],
      })
    ).id;
    lens = (
      await createDoc(admin, 'product', {
        sku: 'LS-100',
        name: '防蓝光镜片',
        unit: '片',
        price: 300,
        category: 'lenses',
      })
    ).id;
    for (const group of ['retail', 'wholesale', 'vip']) {
      customers[group] = (
        await createDoc(admin, 'customer', { code: `PG-${group}`, name: `${group} 客户`, priceGroup: group })
      ).id;
    }
    await createDoc(manager, 'promotion', {
      code: 'PM-11',
      name: '双十一镜架九折',
      category: 'frames',
      validFrom: '2026-11-01',
      validTo: '2026-11-30',
      discount: 0.1,
    });
    await createDoc(manager, 'promotion', {
      code: 'PM-12',
      name: '年末镜架八五折',
      product: frame,
      validFrom: '2026-12-01',
      validTo: '2026-12-31',
      discount: 0.15,
    });
    await createDoc(manager, 'promotion', {
      code: 'PM-12B',
      name: '年末全场九五折',
      validFrom: '2026-12-01',
      validTo: '2026-12-31',
      discount: 0.05,
    });
    const stopped = await createDoc(manager, 'promotion', {
      code: 'PM-OFF',
      name: '已停用',
      category: 'lenses',
      validFrom: '2026-11-01',
      validTo: '2026-12-31',
      discount: 0.5,
    });
    const off = await manager.req('POST', `/api/documents/promotion/${stopped.id}/transitions/deactivate`, {
      version: 1,
    });
    expect(off.statusCode).toBe(200);
  });

  const order = (c: Client, group: string, lines: Array<Record<string, unknown>>, orderDate = '2026-11-20') =>
    c.req('POST', '/api/documents/sales_order', {
      data: { customer: customers[group], warehouse: h().warehouse.id, orderDate, lines },
    });
  const linesOf = (body: { data: { lines: Line[] } }) =>
    body.data.lines.map(({ price, discount, amount }) => ({ price, discount, amount }));

  it("fills an omitted price from the customer's price group, else the product price", async () => {
    for (const [group, price] of [
      ['retail', 880],
      ['wholesale', 700],
      ['vip', 650],
    ] as const) {
      const res = await order(h().clerk, group, [{ product: frame, qty: 1 }], '2026-10-15');
      expect(res.statusCode).toBe(201);
      expect(linesOf(res.json())).toEqual([{ price, discount: 0, amount: price }]);
    }
  });

  it('a promotion started or stopped after an order on that date applies, or not, to the next order', async () => {
    const { clerk, manager } = h();
    const day = '2027-01-05';
    const before = await order(clerk, 'wholesale', [{ product: lens, qty: 1 }], day);
    expect(linesOf(before.json())).toEqual([{ price: 300, discount: 0, amount: 300 }]);
    const started = await createDoc(manager, 'promotion', {
      code: 'PM-NY',
      name: '新年镜片八折',
      category: 'lenses',
      validFrom: day,
      validTo: day,
      discount: 0.2,
    });
    const during = await order(clerk, 'wholesale', [{ product: lens, qty: 1 }], day);
    expect(linesOf(during.json())).toEqual([{ price: 300, discount: 0.2, amount: 240 }]);
    const stop = await manager.req('POST', `/api/documents/promotion/${started.id}/transitions/deactivate`, {
      version: started.version,
    });
    expect(stop.statusCode).toBe(200);
    const after = await order(clerk, 'wholesale', [{ product: lens, qty: 1 }], day);
    expect(linesOf(after.json())).toEqual([{ price: 300, discount: 0, amount: 300 }]);
  });

  it('fills an omitted discount from the best promotion active on the order date', async () => {
    const november = await order(
      h().clerk,
      'wholesale',
      [
        { product: frame, qty: 2 },
        { product: lens, qty: 2 },
      ],
      '2026-11-20',
    );
    expect(linesOf(november.json())).toEqual([
      { price: 700, discount: 0.1, amount: 1260 },
      // The lens promotion is deactivated, so it does not apply.
      { price: 300, discount: 0, amount: 600 },
    ]);
    const december = await order(
      h().clerk,
      'retail',
      [
        { product: frame, qty: 1 },
        { product: lens, qty: 1 },
      ],
      '2026-12-31',
    );
    expect(linesOf(december.json())).toEqual([
      { price: 880, discount: 0.15, amount: 748 },
      { price: 300, discount: 0.05, amount: 285 },
    ]);
    const after = await order(h().clerk, 'retail', [{ product: frame, qty: 1 }], '2027-01-01');
    expect(linesOf(after.json())).toEqual([{ price: 880, discount: 0, amount: 880 }]);
  });

  it('refuses a clerk pricing below the price list with 422 on /lines/N/price', async () => {
    const res = await order(h().clerk, 'wholesale', [
      { product: lens, qty: 1 },
      { product: frame, qty: 1, price: 600 },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors).toEqual([{ path: '/lines/1/price', message: expect.stringContaining('700') }]);
  });

  it('refuses a clerk discount that takes the net price below the promotion price, on /lines/N/discount', async () => {
    // List 700 less the 10% promotion: 630 is the floor; 700 × 0.8 = 560 is below it.
    const res = await order(h().clerk, 'wholesale', [{ product: frame, qty: 1, discount: 0.2 }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: '/lines/0/discount', message: expect.stringContaining('630') }]);
  });

  it('lets a clerk quote above the list with a discount that stays above the floor', async () => {
    const res = await order(
      h().clerk,
      'retail',
      [{ product: frame, qty: 1, price: 1000, discount: 0.1 }],
      '2026-10-15',
    );
    expect(res.statusCode).toBe(201);
    expect(linesOf(res.json())).toEqual([{ price: 1000, discount: 0.1, amount: 900 }]);
  });

  it('lets a sales manager override below the price list', async () => {
    const res = await order(h().manager, 'wholesale', [{ product: frame, qty: 1, price: 500, discount: 0.3 }]);
    expect(res.statusCode).toBe(201);
    expect(linesOf(res.json())).toEqual([{ price: 500, discount: 0.3, amount: 350 }]);
  });

  it('checks lines a clerk replaces on update, and leaves lines priced earlier alone', async () => {
    const { clerk } = h();
    const created = (await order(clerk, 'wholesale', [{ product: frame, qty: 1 }])).json();
    const url = `/api/documents/sales_order/${created.id}`;
    const low = await clerk.req('PATCH', url, { version: 1, data: { lines: [{ product: frame, qty: 3, price: 1 }] } });
    expect(low.statusCode).toBe(422);
    expect(low.json().errors[0].path).toBe('/lines/0/price');
    const refilled = await clerk.req('PATCH', url, { version: 1, data: { lines: [{ product: frame, qty: 3 }] } });
    expect(refilled.statusCode).toBe(200);
    expect(linesOf(refilled.json())).toEqual([{ price: 700, discount: 0.1, amount: 1890 }]);
  });

  it("keeps a manager's price when a clerk edits another field", async () => {
    const harness = h();
    const mine = await createDoc(harness.clerk, 'sales_order', {
      customer: customers.vip,
      warehouse: harness.warehouse.id,
      orderDate: '2026-11-20',
      lines: [{ product: frame, qty: 1 }],
    });
    const url = `/api/documents/sales_order/${mine.id}`;
    const cut = await harness.manager.req('PATCH', url, {
      version: 1,
      data: { lines: [{ product: frame, qty: 1, price: 400 }] },
    });
    expect(cut.statusCode).toBe(200);
    const remark = await harness.clerk.req('PATCH', url, { version: 2, data: { remark: '客户自提' } });
    expect(remark.statusCode).toBe(200);
    expect(linesOf(remark.json())).toEqual([{ price: 400, discount: 0.1, amount: 360 }]);
  });
});
