// COGS of partial shipments over real HTTP on both stores: an order shipped in two
// deliveries, with a purchase at another cost between them, books each delivery's
// issued units at the moving average of the moment, once, in the gross margin and
// in balanced stock vouchers; an order shipped whole still books its COGS once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { backends } from '../support/backends';
import { create, expectVouchersBalance, runReport, startEngine, transition, type Doc, type Http } from './http';

type Role = 'admin' | 'buyer' | 'keeper' | 'clerk' | 'finance';

for (const backend of backends()) {
  describe(`COGS of partial shipments [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<Role, Http>;
    let warehouse: Doc;
    let supplier: Doc;
    let customer: Doc;
    let product: Doc;

    beforeAll(async () => {
      ({ t, as } = await startEngine(backend));
      warehouse = await create(as.admin, 'warehouse', { code: 'PC-W', name: '苏州仓' });
      supplier = await create(as.admin, 'supplier', { code: 'PC-S', name: '丹阳光学', rating: 4 });
      customer = await create(as.admin, 'customer', { code: 'PC-C', name: '明亮眼镜', creditLevel: 'A' });
      product = await create(as.admin, 'product', { sku: 'PC-F', name: '镜架', unit: '副', price: 100 });
    });

    afterAll(async () => {
      await t?.close();
    });

    async function buy(qty: number, price: number): Promise<void> {
      const po = await create(as.buyer, 'purchase_order', {
        supplier: supplier.id,
        warehouse: warehouse.id,
        orderDate: '2026-03-02',
        lines: [{ product: product.id, qty, price }],
      });
      await transition(as.buyer, 'purchase_order', po, 'submit');
      const receipt = await create(as.keeper, 'goods_receipt', {
        supplier: supplier.id,
        warehouse: warehouse.id,
        purchaseOrder: po.id,
        receiptDate: '2026-03-03',
        lines: [{ product: product.id, acceptedQty: qty, rejectedQty: 0 }],
      });
      await transition(as.keeper, 'goods_receipt', receipt, 'post');
    }

    async function approvedOrder(qty: number): Promise<Doc> {
      const draft = await create(as.clerk, 'sales_order', {
        customer: customer.id,
        warehouse: warehouse.id,
        orderDate: '2026-03-05',
        paymentTerms: 'net30',
        lines: [{ product: product.id, qty, price: 100, discount: 0 }],
      });
      const approved = await transition(as.clerk, 'sales_order', draft, 'submit');
      expect(approved.state).toBe('approved');
      return approved;
    }

    async function deliver(order: Doc, qty: number): Promise<Doc> {
      const draft = await create(as.admin, 'delivery', {
        salesOrder: order.id,
        customer: customer.id,
        warehouse: warehouse.id,
        lines: [{ product: product.id, qty }],
      });
      const shipped = await transition(as.keeper, 'delivery', draft, 'ship');
      expect(shipped.state).toBe('shipped');
      return shipped;
    }

    /** Cents that left stock through the moves of `order` (issues net of any compensation). */
    async function issuedCents(order: Doc): Promise<number> {
      const ledger = await as.keeper.call('GET', `/api/inventory/ledger?product=${product.id}`);
      return -ledger.body
        .filter((m: any) => m.ref?.id === order.id && m.kind === 'issue')
        .reduce((s: number, m: any) => s + Math.round(m.value * 100), 0);
    }

    const cogsOf = (vouchers: Doc[], sourceId: string) =>
      vouchers
        .filter((v) => v.data.sourceId === sourceId)
        .map((v) => v.data.lines.map((l: any) => [l.account, l.debit, l.credit]));

    let partial: Doc;
    let first: Doc;
    let second: Doc;

    it('books each delivery of an order at the moving average it was issued at, once', async () => {
      await buy(10, 50);
      await buy(10, 70); // 20 at an average of 60
      partial = await approvedOrder(8);
      first = await deliver(partial, 3); // 3 × 60 = 180
      await buy(3, 100); // 17 × 60 + 300 = 1320 over 20: an average of 66
      second = await deliver(partial, 5); // 5 × 66 = 330
      expect((await as.admin.call('GET', `/api/documents/sales_order/${partial.id}`)).body.state).toBe('shipped');

      expect(await issuedCents(partial)).toBe(51_000);
      const margin = await runReport(as.finance, 'gross_margin', { groupBy: 'order' });
      expect(margin.rows).toEqual([
        expect.objectContaining({ key: partial.number, revenue: 800, cogs: 510, margin: 290 }),
      ]);

      const vouchers = await expectVouchersBalance(as.finance);
      expect(cogsOf(vouchers, first.id)).toEqual([
        [
          ['6401', 180, 0],
          ['1405', 0, 180],
        ],
      ]);
      expect(cogsOf(vouchers, second.id)).toEqual([
        [
          ['6401', 330, 0],
          ['1405', 0, 330],
        ],
      ]);
      // The order's own completion (all shipped) books nothing again.
      expect(cogsOf(vouchers, partial.id)).toEqual([]);
    });

    it('still books an order shipped whole once, and its generated delivery nothing', async () => {
      const whole = await approvedOrder(2); // 2 × 66 = 132
      const shipped = await transition(as.keeper, 'sales_order', whole, 'ship');
      expect(shipped.state).toBe('shipped');

      expect(await issuedCents(whole)).toBe(13_200);
      const margin = await runReport(as.finance, 'gross_margin', { groupBy: 'order' });
      expect(margin.rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: partial.number, cogs: 510 }),
          expect.objectContaining({ key: whole.number, revenue: 200, cogs: 132, margin: 68 }),
        ]),
      );
      expect(margin.rows).toHaveLength(2);

      const vouchers = await expectVouchersBalance(as.finance);
      expect(cogsOf(vouchers, whole.id)).toEqual([
        [
          ['6401', 132, 0],
          ['1405', 0, 132],
        ],
      ]);
      const generated = await as.admin.call('GET', `/api/documents/delivery?limit=100`);
      const mine = generated.body.items.filter((d: Doc) => d.data.salesOrder === whole.id);
      expect(mine).toHaveLength(1);
      expect(cogsOf(vouchers, mine[0].id)).toEqual([]);
      // Stock's ledger account lost exactly what left the shelf: 1200 + 300 in, 510 + 132 out.
      const tb = await runReport(as.finance, 'trial_balance', {});
      expect(tb.rows.find((r: any) => r.account === '1405')).toMatchObject({ debit: 1500, credit: 642 });
      expect(tb.totals.debit).toBe(tb.totals.credit);
    });
  });
}
