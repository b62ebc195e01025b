// Quotations (报价单) become sales orders, and lines may be entered in any unit of
// the product while stock is kept in its base unit (issue 17, parts 1 and 3).
import { beforeAll, describe, expect, it } from 'vitest';
import { describeHttp } from '../spreadsheets/http';
import { attempt, create, level, links, read, run, stockUp, type Doc } from './orders-http';

describeHttp('quotations and units of measure', (s) => {
  let customer: string;
  let warehouse: string;
  /** 件, with 箱 = 12 件; whole 件 only; list price 10 per 件. */
  let cup: string;
  /** kg, with 袋 = 2.5 kg, and a `pack` = 2.5 of a whole-unit product below. */
  let rice: string;
  let bottle: string;

  beforeAll(async () => {
    const { admin } = s();
    customer = (await create(admin, 'customer', { code: 'C-Q1', name: '苏州百货', creditLevel: 'A' })).id;
    warehouse = (await create(admin, 'warehouse', { code: 'W-Q1', name: '苏州仓' })).id;
    cup = (
      await create(admin, 'product', {
        sku: 'CUP-1',
        name: '保温杯',
        unit: '件',
        units: [{ unit: '箱', factor: 12 }],
        integralUnit: true,
        price: 10,
      })
    ).id;
    rice = (
      await create(admin, 'product', {
        sku: 'RICE-1',
        name: '大米',
        unit: 'kg',
        units: [{ unit: '袋', factor: 2.5 }],
        price: 4,
      })
    ).id;
    bottle = (
      await create(admin, 'product', {
        sku: 'BTL-1',
        name: '矿泉水',
        unit: '瓶',
        units: [{ unit: 'pack', factor: 2.5 }],
        integralUnit: true,
        price: 2,
      })
    ).id;
    await stockUp(s(), cup, warehouse, 100);
    await stockUp(s(), rice, warehouse, 50);
  });

  const quotationData = (validUntil: string, extra: Record<string, unknown> = {}) => ({
    customer,
    warehouse,
    quoteDate: '2026-11-01',
    validUntil,
    paymentTerms: 'net30',
    lines: [
      { product: cup, qty: 3, unit: '箱' },
      { product: rice, qty: 5, price: 4.5 },
    ],
    remark: '年底备货',
    ...extra,
  });

  describe('quotation → sales order', () => {
    let quotation: Doc;
    let converted: Doc;

    it('prices a quotation line per the unit it is entered in (3 箱 of a 10-per-件 cup is 360)', async () => {
      quotation = await create(s().clerk, 'quotation', quotationData('2099-12-31'));
      expect(quotation.state).toBe('draft');
      expect(quotation.number).toMatch(/^QT-\d{8}-\d{4}$/);
      expect(quotation.data.lines).toEqual([
        expect.objectContaining({ product: cup, qty: 3, unit: '箱', price: 120, amount: 360 }),
        expect.objectContaining({ product: rice, qty: 5, price: 4.5, amount: 22.5 }),
      ]);
      expect(quotation.data.total).toBe(382.5);
    });

    it('converts a valid quotation into a draft sales order with its customer, lines and prices, linked both ways', async () => {
      const sent = await run(s(), s().clerk, 'quotation', quotation, 'send');
      converted = await run(s(), s().clerk, 'quotation', sent, 'convert');
      expect(converted.state).toBe('converted');
      const fromQuotation = await links(s().clerk, 'quotation', quotation.id);
      expect(fromQuotation).toHaveLength(1);
      expect(fromQuotation[0]).toMatchObject({ relation: 'created', type: 'sales_order' });
      const order = await read(s().clerk, 'sales_order', fromQuotation[0].id);
      expect(order).toMatchObject({
        state: 'draft',
        createdBy: s().clerk.id,
        data: {
          quotation: quotation.id,
          customer,
          warehouse,
          paymentTerms: 'net30',
          remark: '年底备货',
          total: 382.5,
          lines: [
            expect.objectContaining({ product: cup, qty: 3, unit: '箱', price: 120, amount: 360 }),
            expect.objectContaining({ product: rice, qty: 5, price: 4.5, amount: 22.5 }),
          ],
        },
      });
      expect(await links(s().clerk, 'sales_order', order.id)).toEqual([
        expect.objectContaining({
          relation: 'created_by',
          type: 'quotation',
          id: quotation.id,
          number: quotation.number,
        }),
      ]);
    });

    it('refuses to convert the same quotation twice, and creates no second order', async () => {
      const again = await attempt(s(), s().clerk, 'quotation', converted, 'convert');
      expect(again.status).toBe(422);
      expect(await links(s().clerk, 'quotation', quotation.id)).toHaveLength(1);
    });

    it('refuses an expired quotation with 422 naming its validity date, in the caller’s language', async () => {
      const expired = await create(s().clerk, 'quotation', quotationData('2026-01-31'));
      const zh = await attempt(s(), s().clerk, 'quotation', expired, 'convert');
      expect(zh.status).toBe(422);
      expect(zh.body.detail).toContain('已过期');
      expect(zh.body.detail).toContain('2026-01-31');
      const en = await attempt(s(), s().clerk, 'quotation', expired, 'convert', { 'accept-language': 'en' });
      expect(en.status).toBe(422);
      expect(en.body.detail).toContain('expired (valid until 2026-01-31)');
      expect((await read(s().clerk, 'quotation', expired.id)).state).toBe('draft');
      expect(await links(s().clerk, 'quotation', expired.id)).toEqual([]);
    });
  });

  describe('units of measure', () => {
    it('reserves and issues an order in 箱 in the base unit, and shows 箱 on the order, delivery and print', async () => {
      const order = await create(s().clerk, 'sales_order', {
        customer,
        warehouse,
        orderDate: '2026-11-02',
        lines: [{ product: cup, qty: 2, unit: '箱' }],
      });
      expect(order.data.lines).toEqual([expect.objectContaining({ qty: 2, unit: '箱', price: 120, amount: 240 })]);
      const approved = await run(s(), s().clerk, 'sales_order', order, 'submit');
      expect(approved.state).toBe('approved');
      expect(await level(s().admin, cup, warehouse)).toEqual({ onHand: 100, reserved: 24, available: 76 });
      const shipped = await run(s(), s().admin, 'sales_order', approved, 'ship');
      expect(await level(s().admin, cup, warehouse)).toEqual({ onHand: 76, reserved: 0, available: 76 });
      // The whole-order ship shows on its lines in the same change: the answer is the version stored.
      expect(shipped.data.lines).toEqual([
        expect.objectContaining({ qty: 2, unit: '箱', shippedQty: 2, remainingQty: 0 }),
      ]);
      expect((await read(s().admin, 'sales_order', order.id)).version).toBe(shipped.version);
      const [delivery] = (await links(s().admin, 'sales_order', order.id)).filter((l) => l.type === 'delivery');
      expect((await read(s().admin, 'delivery', delivery.id)).data.lines).toEqual([
        expect.objectContaining({ product: cup, qty: 2, unit: '箱' }),
      ]);
      const print = await s().admin.get(`/api/documents/sales_order/${order.id}/print/order`);
      const html = await print.text();
      expect(html).toMatch(/<td class="num">2<\/td>\s*<td>箱<\/td>/);
    });

    it('re-reserves in base units when an approved order in 箱 is changed (2 → 3 箱 holds 12 件 more)', async () => {
      const before = await level(s().admin, cup, warehouse);
      const order = await create(s().clerk, 'sales_order', {
        customer,
        warehouse,
        orderDate: '2026-11-02',
        lines: [{ product: cup, qty: 2, unit: '箱' }],
      });
      const approved = await run(s(), s().clerk, 'sales_order', order, 'submit');
      expect((await level(s().admin, cup, warehouse)).reserved).toBe(before.reserved + 24);
      const changed = await s().clerk.json<Doc>('POST', `/api/documents/sales_order/${order.id}/change-requests`, {
        patch: { lines: [{ product: cup, qty: 3, unit: '箱' }] },
        reason: '客户加量',
        version: approved.version,
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(201);
      expect(changed.body.data.lines).toEqual([expect.objectContaining({ qty: 3, unit: '箱', amount: 360 })]);
      expect((await level(s().admin, cup, warehouse)).reserved).toBe(before.reserved + 36);
    });

    it('counts a delivery in 件 against an order line in 箱 in the line’s unit (2 箱, 12 件 shipped → 1 箱 left)', async () => {
      const { admin } = s();
      const before = await level(admin, cup, warehouse);
      const order = await create(admin, 'sales_order', {
        customer,
        warehouse,
        orderDate: '2026-11-02',
        lines: [{ product: cup, qty: 2, unit: '箱' }],
      });
      const approved = await run(s(), admin, 'sales_order', order, 'submit');
      const deliver = async (qty: number, unit?: string) =>
        attempt(
          s(),
          admin,
          'delivery',
          await create(admin, 'delivery', {
            salesOrder: order.id,
            customer,
            warehouse,
            lines: [{ product: cup, qty, ...(unit ? { unit } : {}) }],
          }),
          'ship',
        );
      expect((await deliver(12)).status).toBe(200);
      const partly = await read(admin, 'sales_order', approved.id);
      expect(partly.state).toBe('approved');
      expect(partly.data.lines).toEqual([
        expect.objectContaining({ qty: 2, unit: '箱', shippedQty: 1, remainingQty: 1 }),
      ]);
      expect(await level(admin, cup, warehouse)).toEqual({
        onHand: before.onHand - 12,
        reserved: before.reserved + 12,
        available: before.available - 24,
      });
      // 13 件 is more than the 1 箱 (12 件) left: refused, naming the line, in base units.
      const over = await deliver(13);
      expect(over.status).toBe(422);
      expect(over.body.errors).toEqual([
        { path: '/lines/0/qty', message: expect.stringContaining('订购 24 件，已发 12 件，本次 13 件') },
      ]);
      expect((await deliver(1, '箱')).status).toBe(200);
      const done = await read(admin, 'sales_order', approved.id);
      expect(done.state).toBe('shipped');
      expect(done.data.lines).toEqual([
        expect.objectContaining({ qty: 2, unit: '箱', shippedQty: 2, remainingQty: 0 }),
      ]);
      expect(await level(admin, cup, warehouse)).toEqual({
        onHand: before.onHand - 24,
        reserved: before.reserved,
        available: before.available - 24,
      });
    });

    it('converts a fractional alternative unit exactly (3 袋 of 2.5 kg issue 7.5 kg)', async () => {
      const order = await create(s().manager, 'sales_order', {
        customer,
        warehouse,
        orderDate: '2026-11-03',
        lines: [{ product: rice, qty: 3, unit: '袋' }],
      });
      const approved = await run(s(), s().manager, 'sales_order', order, 'submit');
      expect(await level(s().admin, rice, warehouse)).toEqual({ onHand: 50, reserved: 7.5, available: 42.5 });
      await run(s(), s().admin, 'sales_order', approved, 'ship');
      expect(await level(s().admin, rice, warehouse)).toEqual({ onHand: 42.5, reserved: 0, available: 42.5 });
    });

    it('refuses a quantity whose base quantity would split a whole-unit product, naming the line', async () => {
      const data = {
        customer,
        warehouse,
        orderDate: '2026-11-04',
        lines: [{ product: bottle, qty: 3, unit: 'pack' }],
      };
      const zh = await s().clerk.json<{ errors: Array<{ path: string; message: string }> }>(
        'POST',
        '/api/documents/sales_order',
        { data },
      );
      expect(zh.status).toBe(422);
      expect(zh.body.errors).toEqual([{ path: '/lines/0/qty', message: expect.stringContaining('7.5 瓶') }]);
      const res = await fetch(`${s().base}/api/documents/sales_order`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${s().clerk.token}`,
          'content-type': 'application/json',
          'accept-language': 'en',
        },
        body: JSON.stringify({ data }),
      });
      const en = (await res.json()) as { errors: Array<{ path: string; message: string }> };
      expect(en.errors[0].message).toContain('cannot be split below a whole 瓶');
      // Two packs are 5 bottles: accepted.
      const ok = await create(s().clerk, 'sales_order', {
        ...data,
        lines: [{ product: bottle, qty: 2, unit: 'pack' }],
      });
      expect(ok.data.lines).toEqual([expect.objectContaining({ qty: 2, unit: 'pack', price: 5, amount: 10 })]);
    });

    it('expects a purchase order in 箱 in the base unit and receives against it in the base unit', async () => {
      const { admin } = s();
      const supplier = (await create(admin, 'supplier', { code: 'S-Q1', name: '义乌杯厂' })).id;
      const before = await level(admin, cup, warehouse);
      const po = await create(admin, 'purchase_order', {
        supplier,
        warehouse,
        orderDate: '2026-11-05',
        lines: [{ product: cup, qty: 2, unit: '箱', price: 96 }],
      });
      const approved = await run(s(), admin, 'purchase_order', po, 'submit');
      expect(approved.state).toBe('approved');
      const levels = await admin.json<Array<{ incoming: number }>>(
        'GET',
        `/api/inventory/levels?product=${cup}&warehouse=${warehouse}`,
      );
      expect(levels.body.reduce((t, l) => t + l.incoming, 0)).toBe(24);
      const receipt = (acceptedQty: number) =>
        create(admin, 'goods_receipt', {
          supplier,
          warehouse,
          purchaseOrder: po.id,
          receiptDate: '2026-11-06',
          lines: [{ product: cup, acceptedQty }],
        });
      // 24 件 were ordered (2 箱): 25 is an over-receipt, 24 is the order.
      expect((await attempt(s(), admin, 'goods_receipt', await receipt(25), 'post')).status).toBe(422);
      await run(s(), admin, 'goods_receipt', await receipt(24), 'post');
      expect((await level(admin, cup, warehouse)).onHand).toBe(before.onHand + 24);
    });

    it('refuses a unit the product does not have, listing the ones it has', async () => {
      const res = await s().clerk.json<{ errors: Array<{ path: string; message: string }> }>(
        'POST',
        '/api/documents/sales_order',
        {
          data: { customer, warehouse, orderDate: '2026-11-04', lines: [{ product: cup, qty: 1, unit: '吨' }] },
        },
      );
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: '/lines/0/unit', message: expect.stringContaining('件、箱') }]);
    });
  });
});
