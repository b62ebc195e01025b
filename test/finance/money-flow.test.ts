// Issue 16's end-to-end flow over real HTTP on both stores: buy 10 at 50 and 10 at
// 70 → average 60; sell 5 at 100 → COGS 300, margin 200; every step's voucher
// balances and the trial balance's debits equal its credits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { backends } from '../support/backends';
import {
  create,
  expectVouchersBalance,
  runReport,
  startEngine,
  transition,
  type Doc,
  type Http,
  type Role,
} from './http';

for (const backend of backends()) {
  describe(`the money side of an order, over HTTP [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<Role, Http>;
    let warehouse: Doc;
    let supplier: Doc;
    let customer: Doc;
    let product: Doc;
    let order: Doc;

    beforeAll(async () => {
      ({ t, as } = await startEngine(backend));
      warehouse = await create(as.admin, 'warehouse', { code: 'W1', name: '上海总仓' });
      supplier = await create(as.admin, 'supplier', { code: 'S1', name: '丹阳光学', rating: 4 });
      customer = await create(as.admin, 'customer', {
        code: 'C1',
        name: '明亮眼镜',
        creditLevel: 'A',
        creditLimit: 100_000,
      });
      product = await create(as.admin, 'product', { sku: 'F-1', name: '镜架', unit: '副', price: 100, cost: 40 });
    }, 60_000);

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
      const approved = await transition(as.buyer, 'purchase_order', po, 'submit');
      expect(approved.state).toBe('approved');
      const receipt = await create(as.keeper, 'goods_receipt', {
        supplier: supplier.id,
        warehouse: warehouse.id,
        purchaseOrder: po.id,
        receiptDate: '2026-03-03',
        lines: [{ product: product.id, acceptedQty: qty, rejectedQty: 0 }],
      });
      await transition(as.keeper, 'goods_receipt', receipt, 'post');
    }

    it('values 10 bought at 50 and 10 at 70 at an average of 60', async () => {
      await buy(10, 50);
      await buy(10, 70);
      const levels = await as.keeper.call(
        'GET',
        `/api/inventory/levels?product=${product.id}&warehouse=${warehouse.id}`,
      );
      expect(levels.body).toEqual([expect.objectContaining({ onHand: 20, unitCost: 60, value: 1200 })]);
      const ledger = await as.keeper.call('GET', `/api/inventory/ledger?product=${product.id}`);
      expect(ledger.body.filter((m: any) => m.kind === 'receive').map((m: any) => [m.unitCost, m.value])).toEqual([
        [50, 500],
        [70, 700],
      ]);
      const report = await runReport(as.finance, 'stock_value', { warehouse: warehouse.id });
      expect(report.rows).toEqual([
        expect.objectContaining({ product: '镜架', onHand: 20, unitCost: 60, value: 1200 }),
      ]);
    });

    it('ships 5 at 100 with a cost of 300 and a margin of 200', async () => {
      const draft = await create(as.clerk, 'sales_order', {
        customer: customer.id,
        warehouse: warehouse.id,
        orderDate: '2026-03-05',
        paymentTerms: 'net30',
        lines: [{ product: product.id, qty: 5, price: 100, discount: 0 }],
      });
      const approved = await transition(as.clerk, 'sales_order', draft, 'submit');
      order = await transition(as.keeper, 'sales_order', approved, 'ship');
      expect(order.state).toBe('shipped');
      const ledger = await as.keeper.call('GET', `/api/inventory/ledger?product=${product.id}`);
      expect(ledger.body.find((m: any) => m.kind === 'issue')).toMatchObject({ unitCost: 60, value: -300 });
      const margin = await runReport(as.finance, 'gross_margin', { groupBy: 'order' });
      expect(margin.rows).toEqual([
        expect.objectContaining({ key: order.number, revenue: 500, cogs: 300, margin: 200, marginPct: 0.4 }),
      ]);
      const byCustomer = await runReport(as.finance, 'gross_margin', { groupBy: 'customer' });
      expect(byCustomer.rows[0]).toMatchObject({ key: '明亮眼镜', margin: 200 });
    });

    it('writes a balanced voucher for every posting, and a trial balance whose debits equal its credits', async () => {
      const vouchers = await expectVouchersBalance(as.finance);
      // Two receipts (借 库存商品 / 贷 应付账款) and the shipment's cost (借 主营业务成本 / 贷 库存商品).
      expect(vouchers).toHaveLength(3);
      const cogs = vouchers.find((v) => v.data.sourceId === order.id);
      expect(cogs?.data.lines.map((l: any) => [l.account, l.debit, l.credit])).toEqual([
        ['6401', 300, 0],
        ['1405', 0, 300],
      ]);
      const tb = await runReport(as.finance, 'trial_balance', {});
      expect(tb.totals.debit).toBe(tb.totals.credit);
      const inventory = tb.rows.find((r: any) => r.account === '1405');
      expect(inventory).toMatchObject({ debit: 1200, credit: 300, closingDebit: 900 });
    });

    it('hides vouchers from a sales clerk', async () => {
      expect((await as.clerk.call('GET', '/api/documents/voucher')).status).toBe(403);
      expect((await as.clerk.call('POST', '/api/reports/trial_balance/runs', { params: {} })).status).toBe(403);
    });
  });
}
