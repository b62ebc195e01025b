// Issue 16's flow on the supplier side, over real HTTP on both stores: supplier
// invoices matched three ways against the purchase order and the goods receipt (a
// price beyond the tolerance waits for purchase_manager), payments allocated to
// them (above the limit a finance_manager approves), a prepayment applied to a
// later invoice, the supplier balance, aging and statement equal to hand-computed
// figures, and every voucher balanced.
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
  describe(`the money side of purchasing, over HTTP [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<Role, Http>;
    let warehouse: Doc;
    let supplier: Doc;
    let product: Doc;
    const receipts: Array<{ po: Doc; gr: Doc }> = [];
    const invoices: Doc[] = [];

    beforeAll(async () => {
      ({ t, as } = await startEngine(backend));
      warehouse = await create(as.admin, 'warehouse', { code: 'W1', name: '上海总仓' });
      supplier = await create(as.admin, 'supplier', { code: 'S1', name: '丹阳光学', rating: 4 });
      product = await create(as.admin, 'product', { sku: 'L-1', name: '镜片', unit: '片', price: 100, cost: 40 });
      for (const [qty, price, date] of [
        [10, 50, '2026-03-03'],
        [10, 70, '2026-03-04'],
        [1, 50, '2026-04-01'],
      ] as const) {
        const po = await transition(
          as.buyer,
          'purchase_order',
          await create(as.buyer, 'purchase_order', {
            supplier: supplier.id,
            warehouse: warehouse.id,
            orderDate: date,
            lines: [{ product: product.id, qty, price }],
          }),
          'submit',
        );
        const gr = await create(as.keeper, 'goods_receipt', {
          supplier: supplier.id,
          warehouse: warehouse.id,
          purchaseOrder: po.id,
          receiptDate: date,
          lines: [{ product: product.id, acceptedQty: qty, rejectedQty: 0 }],
        });
        receipts.push({ po, gr: await transition(as.keeper, 'goods_receipt', gr, 'post') });
      }
    });

    afterAll(async () => {
      await t?.close();
    });

    const bill = (i: number, qty: number, price: number, invoiceDate: string) =>
      create(as.finance, 'supplier_invoice', {
        supplier: supplier.id,
        purchaseOrder: receipts[i].po.id,
        goodsReceipt: receipts[i].gr.id,
        invoiceDate,
        paymentTerms: 'net30',
        lines: [{ product: product.id, qty, price, taxRate: 0.13 }],
      });

    async function pay(c: Http, data: Record<string, unknown>) {
      const payment = await create(c, 'supplier_payment', {
        supplier: supplier.id,
        method: 'bank_transfer',
        ...data,
      });
      return c.call('POST', `/api/documents/supplier_payment/${payment.id}/transitions/post`, {
        version: payment.version,
      });
    }

    const balance = async () => (await as.buyer.call('GET', `/api/suppliers/${supplier.id}/balance`)).body;

    it('matches an invoice against the order price and the received quantity, and posts it at once', async () => {
      const draft = await bill(0, 10, 50, '2026-03-06');
      expect(draft.data).toMatchObject({
        totalAmount: 500,
        totalTax: 65,
        total: 565,
        dueDate: '2026-04-05',
        maxVariancePct: 0,
        matchStatus: 'matched',
      });
      expect(draft.data.lines[0]).toMatchObject({ poPrice: 50, receivedQty: 10, variancePct: 0 });
      // 2 % off the order price is within the tolerance.
      const within = await bill(0, 10, 51, '2026-03-06');
      expect(within.data).toMatchObject({ maxVariancePct: 2, matchStatus: 'matched' });

      const posted = await transition(as.finance, 'supplier_invoice', draft, 'submit');
      expect(posted.state).toBe('posted');
      invoices.push(posted);
      // Due 2026-04-05, before today: overdue.
      expect(await balance()).toEqual({ balance: 565, overdue: 565, credit: 0 });
    });

    it('holds an invoice priced beyond the tolerance for purchase_manager, then posts it with the price variance', async () => {
      const draft = await bill(1, 10, 75, '2026-03-25');
      expect(draft.data).toMatchObject({ matchStatus: 'variance', maxVariancePct: 7.14 });
      const waiting = await transition(as.finance, 'supplier_invoice', draft, 'submit');
      expect(waiting.state).toBe('pending_review');
      expect((await balance()).balance).toBe(565);
      const path = `/api/documents/supplier_invoice/${draft.id}`;
      expect((await as.finance.call('POST', `${path}/approve`, {})).status).toBe(403);
      const approved = await as.buyerBoss.call<Doc>('POST', `${path}/approve`, { comment: '涨价已确认' });
      expect(approved.status).toBe(200);
      expect(approved.body.state).toBe('posted');
      invoices.push((await as.finance.call<Doc>('GET', path)).body);
      expect((await balance()).balance).toBe(565 + 847.5);

      const vouchers = await expectVouchersBalance(as.finance);
      const voucher = vouchers.find((v) => v.data.sourceId === draft.id);
      // Goods came in at 700 (借 库存商品 / 贷 应付账款); the invoice adds VAT and the 50 price variance.
      expect(voucher?.data.lines.map((l: any) => [l.account, l.debit, l.credit])).toEqual([
        ['222101', 97.5, 0],
        ['6401', 50, 0],
        ['2202', 0, 147.5],
      ]);
    });

    it('refuses, at approval, to bill more than was received and not yet invoiced, changing nothing', async () => {
      const again = await transition(as.finance, 'supplier_invoice', await bill(0, 1, 50, '2026-03-07'), 'submit');
      // 1 of 10 received is a quantity variance: it waits, and its approval finds nothing left to bill.
      expect(again.state).toBe('pending_review');
      const refused = await as.buyerBoss.call('POST', `/api/documents/supplier_invoice/${again.id}/approve`, {});
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].path).toBe('/lines/0/qty');
      expect((await as.finance.call('GET', `/api/documents/supplier_invoice/${again.id}`)).body.state).toBe(
        'pending_review',
      );
      expect((await balance()).balance).toBe(1412.5);
    });

    it('ages the open payables', async () => {
      const aging = await runReport(as.finance, 'payables_aging', { asOf: '2026-04-20' });
      expect(aging.rows).toEqual([
        expect.objectContaining({ supplier: '丹阳光学', total: 1412.5, d0_30: 847.5, d31_60: 565, overdue: 565 }),
      ]);
      expect((await as.clerk.call('POST', '/api/reports/payables_aging/runs', { params: {} })).status).toBe(403);
    });

    it('allocates payments, refuses an over-allocation naming the line, and keeps the overpayment as a prepayment', async () => {
      const first = await pay(as.buyer, {
        paymentDate: '2026-03-26',
        amount: 500,
        allocations: [{ invoice: invoices[0].id, amount: 500 }],
      });
      expect(first.status).toBe(200);
      expect(first.body.state).toBe('posted');
      const over = await pay(as.buyer, {
        paymentDate: '2026-03-27',
        amount: 1000,
        allocations: [{ invoice: invoices[0].id, amount: 66 }],
      });
      expect(over.status).toBe(422);
      expect(over.body.errors[0].path).toBe('/allocations/0/amount');
      expect((await balance()).balance).toBe(912.5);

      const rest = await pay(as.buyer, {
        paymentDate: '2026-03-28',
        amount: 1012.5,
        allocations: [
          { invoice: invoices[0].id, amount: 65 },
          { invoice: invoices[1].id, amount: 847.5 },
        ],
      });
      expect(rest.status).toBe(200);
      expect(await balance()).toEqual({ balance: -100, overdue: 0, credit: 100 });
      expect((await runReport(as.finance, 'payables_aging', { asOf: '2026-04-20' })).rows).toEqual([]);
    });

    it('prints a supplier statement whose figures equal the hand-computed ones', async () => {
      const statement = await runReport(as.buyerBoss, 'supplier_statement', {
        supplier: supplier.id,
        from: '2026-03-01',
        to: '2026-03-31',
      });
      expect(statement.rows.map((r: any) => [r.number, r.debit, r.credit, r.balance])).toEqual([
        ['', null, null, 0],
        [invoices[0].number, 565, 0, 565],
        [invoices[1].number, 847.5, 0, 1412.5],
        [expect.any(String), 0, 500, 912.5],
        [expect.any(String), 0, 1012.5, -100],
      ]);
      expect(statement.totals).toEqual({ opening: 0, debit: 1412.5, credit: 1512.5, closing: -100 });
    });

    it('holds a payment above the limit for finance_manager', async () => {
      const waiting = await pay(as.buyer, { paymentDate: '2026-04-01', amount: 60000 });
      expect(waiting.status).toBe(200);
      expect(waiting.body.state).toBe('pending_approval');
      expect((await balance()).credit).toBe(100);
      const path = `/api/documents/supplier_payment/${waiting.body.id}/approve`;
      expect((await as.buyerBoss.call('POST', path, {})).status).toBe(403);
      const approved = await as.finance.call<Doc>('POST', path, {});
      expect(approved.status).toBe(200);
      expect(approved.body.state).toBe('posted');
      expect(await balance()).toEqual({ balance: -60100, overdue: 0, credit: 60100 });
    });

    it('applies the prepayment to a later invoice without new money', async () => {
      const third = await transition(as.finance, 'supplier_invoice', await bill(2, 1, 50, '2026-04-02'), 'submit');
      expect(third.state).toBe('posted');
      const applied = await pay(as.finance, {
        paymentDate: '2026-04-03',
        amount: 0,
        creditAmount: 56.5,
        allocations: [{ invoice: third.id, amount: 56.5 }],
      });
      expect(applied.status).toBe(200);
      expect(await balance()).toEqual({ balance: -60043.5, overdue: 0, credit: 60043.5 });
      const vouchers = await expectVouchersBalance(as.finance);
      expect(
        vouchers
          .find((v) => v.data.sourceId === applied.body.id)
          ?.data.lines.map((l: any) => [l.account, l.debit, l.credit]),
      ).toEqual([
        ['2202', 56.5, 0],
        ['1123', 0, 56.5],
      ]);
    });

    it('refuses to reverse a paid supplier invoice', async () => {
      const res = await as.finance.call(
        'POST',
        `/api/documents/supplier_invoice/${invoices[0].id}/transitions/reverse`,
        {
          version: invoices[0].version,
          reason: '开错',
        },
      );
      expect(res.status).toBe(422);
    });

    it('balances every voucher, and the trial balance agrees with the hand-computed accounts', async () => {
      const vouchers = await expectVouchersBalance(as.finance);
      // Three goods receipts, three supplier invoices, four payments.
      expect(vouchers).toHaveLength(10);
      const tb = await runReport(as.finance, 'trial_balance', {});
      expect(tb.totals.debit).toBe(tb.totals.credit);
      const byAccount = (code: string) => tb.rows.find((r: any) => r.account === code);
      expect(byAccount('1405')).toMatchObject({ debit: 1250, credit: 0 });
      expect(byAccount('2202')).toMatchObject({ debit: 1469, credit: 1469, closingDebit: 0, closingCredit: 0 });
      expect(byAccount('1123')).toMatchObject({ debit: 60100, credit: 56.5, closingDebit: 60043.5 });
      expect(byAccount('1002')).toMatchObject({ credit: 61512.5 });
      expect(byAccount('222101')).toMatchObject({ debit: 169 });
      expect(byAccount('6401')).toMatchObject({ debit: 50 });
    });
  });
}
