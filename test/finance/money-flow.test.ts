// Issue 16's end-to-end flow over real HTTP on both stores: buy 10 at 50 and 10 at
// 70 → average 60; sell 5 at 100 → COGS 300, margin 200; every step's voucher
// balances and the trial balance's debits equal its credits.
import ExcelJS from 'exceljs';
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
        creditLimit: 1000,
      });
      product = await create(as.admin, 'product', { sku: 'F-1', name: '镜架', unit: '副', price: 100, cost: 40 });
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

    let invoice: Doc;

    async function receive(amount: number, allocations: Array<{ invoice: string; amount: number }>, date: string) {
      const receipt = await create(as.finance, 'customer_receipt', {
        customer: customer.id,
        receiptDate: date,
        method: 'bank_transfer',
        amount,
        allocations,
      });
      return as.finance.call('POST', `/api/documents/customer_receipt/${receipt.id}/transitions/post`, {
        version: receipt.version,
      });
    }

    it('invoices the shipped goods at 13 % VAT and refuses to invoice more than shipped', async () => {
      const draft = await create(as.finance, 'sales_invoice', {
        customer: customer.id,
        salesOrder: order.id,
        invoiceDate: '2026-03-06',
        paymentTerms: 'net30',
        lines: [{ product: product.id, qty: 5, price: 100, taxRate: 0.13 }],
      });
      expect(draft.data).toMatchObject({ totalAmount: 500, totalTax: 65, total: 565, dueDate: '2026-04-05' });
      invoice = await transition(as.finance, 'sales_invoice', draft, 'issue');
      expect(invoice.state).toBe('issued');
      const edit = await as.finance.call('PATCH', `/api/documents/sales_invoice/${invoice.id}`, {
        data: { remark: 'changed' },
        version: invoice.version,
      });
      expect(edit.status).toBeGreaterThanOrEqual(400);

      const more = await create(as.finance, 'sales_invoice', {
        customer: customer.id,
        salesOrder: order.id,
        invoiceDate: '2026-03-07',
        lines: [{ product: product.id, qty: 1, price: 100, taxRate: 0.13 }],
      });
      const refused = await as.finance.call('POST', `/api/documents/sales_invoice/${more.id}/transitions/issue`, {
        version: more.version,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].path).toBe('/lines/0/qty');
      expect((await as.finance.call('GET', `/api/documents/sales_invoice/${more.id}`)).body.state).toBe('draft');

      const balance = await as.clerk.call('GET', `/api/customers/${customer.id}/balance`);
      expect(balance.body).toEqual({ balance: 565, overdue: 565, credit: 0 });
      // The credit limit (1,000) counts the open receivable: 565 owed + a new order of 500 is too much.
      const next = await create(as.clerk, 'sales_order', {
        customer: customer.id,
        warehouse: warehouse.id,
        orderDate: '2026-03-08',
        lines: [{ product: product.id, qty: 5, price: 100, discount: 0 }],
      });
      const over = await as.clerk.call('POST', `/api/documents/sales_order/${next.id}/transitions/submit`, {
        version: next.version,
      });
      expect(over.status).toBe(422);
      expect(over.body.values).toMatchObject({ 'related.customer.openReceivables': 565 });
    });

    it('allocates a part-receipt, ages what is open, then closes the item with the rest and keeps the overpayment as credit', async () => {
      expect((await receive(200, [{ invoice: invoice.id, amount: 200 }], '2026-03-10')).status).toBe(200);
      const aging = await runReport(as.finance, 'receivables_aging', { asOf: '2026-04-20' });
      expect(aging.rows).toEqual([
        expect.objectContaining({ customer: '明亮眼镜', total: 365, d0_30: 0, d31_60: 365, overdue: 365 }),
      ]);
      const tooMuch = await receive(400, [{ invoice: invoice.id, amount: 366 }], '2026-03-20');
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.errors[0].path).toBe('/allocations/0/amount');

      expect((await receive(400, [{ invoice: invoice.id, amount: 365 }], '2026-03-20')).status).toBe(200);
      const balance = await as.finance.call('GET', `/api/customers/${customer.id}/balance`);
      expect(balance.body).toEqual({ balance: -35, overdue: 0, credit: 35 });
      const agingAfter = await runReport(as.finance, 'receivables_aging', { asOf: '2026-04-20' });
      expect(agingAfter.rows).toEqual([]);
    });

    it('prints a statement whose figures equal the hand-computed ones', async () => {
      const statement = await runReport(as.finance, 'customer_statement', {
        customer: customer.id,
        from: '2026-03-01',
        to: '2026-03-31',
      });
      expect(statement.rows.map((r: any) => [r.number, r.debit, r.credit, r.balance])).toEqual([
        ['', null, null, 0],
        [invoice.number, 565, 0, 565],
        [expect.any(String), 0, 200, 365],
        [expect.any(String), 0, 400, -35],
      ]);
      expect(statement.totals).toEqual({ opening: 0, debit: 565, credit: 600, closing: -35 });
    });

    it('refuses posting into a closed period, changing nothing, and audits the reopening', async () => {
      expect((await as.admin.call('POST', '/api/finance/periods/2026-03/close')).body).toMatchObject({ closed: true });
      const before = (await as.finance.call('GET', `/api/customers/${customer.id}/balance`)).body;
      const refused = await receive(10, [], '2026-03-25');
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain('2026-03');
      expect((await as.finance.call('GET', `/api/customers/${customer.id}/balance`)).body).toEqual(before);
      expect((await as.finance.call('POST', '/api/finance/periods/2026-03/reopen')).status).toBe(403);
      expect((await as.admin.call('POST', '/api/finance/periods/2026-03/reopen')).body).toMatchObject({
        closed: false,
      });
      const audit = await as.admin.call('GET', '/api/audit?action=finance.period.reopen');
      expect(audit.status).toBe(200);
      expect(JSON.stringify(audit.body)).toContain('period:2026-03');
    });

    it('writes a balanced voucher for every posting, and a trial balance whose debits equal its credits', async () => {
      const vouchers = await expectVouchersBalance(as.finance);
      // Two goods receipts, the shipment's cost, the invoice and two customer receipts.
      expect(vouchers).toHaveLength(6);
      const cogs = vouchers.find((v) => v.data.sourceId === order.id);
      expect(cogs?.data.lines.map((l: any) => [l.account, l.debit, l.credit])).toEqual([
        ['6401', 300, 0],
        ['1405', 0, 300],
      ]);
      const tb = await runReport(as.finance, 'trial_balance', {});
      expect(tb.totals.debit).toBe(tb.totals.credit);
      const byAccount = (code: string) => tb.rows.find((r: any) => r.account === code);
      expect(byAccount('1405')).toMatchObject({ debit: 1200, credit: 300, closingDebit: 900 });
      expect(byAccount('1122')).toMatchObject({ debit: 565, credit: 565, closingDebit: 0, closingCredit: 0 });
      expect(byAccount('6001')).toMatchObject({ credit: 500 });
      expect(byAccount('222102')).toMatchObject({ credit: 65 });
      expect(byAccount('1002')).toMatchObject({ debit: 600 });
      expect(byAccount('2203')).toMatchObject({ credit: 35 });
      expect(tb.totals.debit).toBe(1200 + 300 + 565 + 600);
    });

    it('hides vouchers from a sales clerk', async () => {
      expect((await as.clerk.call('GET', '/api/documents/voucher')).status).toBe(403);
      expect((await as.clerk.call('POST', '/api/reports/trial_balance/runs', { params: {} })).status).toBe(403);
    });

    it('exports the vouchers as a spreadsheet in the bookkeeping import layout', async () => {
      const run = await runReport(as.finance, 'voucher_export', { from: '2026-03-01', to: '2026-03-31' }, 'xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await as.finance.download(run.file.url));
      const sheet = book.worksheets[0];
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        '日期',
        '凭证号',
        '摘要',
        '科目编码',
        '科目名称',
        '借方金额',
        '贷方金额',
      ]);
      const rows = sheet.getSheetValues().slice(2) as unknown[][];
      const total = (i: number) => rows.reduce((s, r) => s + Math.round(Number(r?.[i] ?? 0) * 100), 0);
      expect(total(6)).toBe(total(7));
      expect(rows.some((r) => r?.[4] === '222102' && r?.[7] === 65)).toBe(true);
    });

    it('reverses an unpaid invoice with a red-letter voucher, and refuses to reverse a paid one', async () => {
      const paid = await as.finance.call('POST', `/api/documents/sales_invoice/${invoice.id}/transitions/reverse`, {
        version: invoice.version,
        reason: '开错',
      });
      expect(paid.status).toBe(422);
      const second = await transition(
        as.keeper,
        'sales_order',
        await transition(
          as.clerk,
          'sales_order',
          await create(as.clerk, 'sales_order', {
            customer: customer.id,
            warehouse: warehouse.id,
            orderDate: '2026-04-02',
            lines: [{ product: product.id, qty: 1, price: 100, discount: 0 }],
          }),
          'submit',
        ),
        'ship',
      );
      const bill = async () =>
        transition(
          as.finance,
          'sales_invoice',
          await create(as.finance, 'sales_invoice', {
            customer: customer.id,
            salesOrder: second.id,
            invoiceDate: '2026-04-03',
            lines: [{ product: product.id, qty: 1, price: 100, taxRate: 0.13 }],
          }),
          'issue',
        );
      const wrong = await bill();
      const before = (await as.finance.call('GET', `/api/customers/${customer.id}/balance`)).body;
      expect(before.balance).toBe(-35 + 113);
      const reversed = await as.finance.call('POST', `/api/documents/sales_invoice/${wrong.id}/transitions/reverse`, {
        version: wrong.version,
        reason: '开错',
      });
      expect(reversed.status).toBe(200);
      expect(reversed.body.state).toBe('reversed');
      expect((await as.finance.call('GET', `/api/customers/${customer.id}/balance`)).body.balance).toBe(-35);
      const vouchers = await expectVouchersBalance(as.finance);
      const red = vouchers.filter((v) => v.data.sourceId === wrong.id).find((v) => v.data.totalDebit < 0);
      expect(red?.data.lines.map((l: any) => [l.account, l.debit, l.credit])).toEqual([
        ['1122', -113, 0],
        ['6001', 0, -100],
        ['222102', 0, -13],
      ]);
      // The reversed invoice no longer counts against what was shipped: the goods can be billed again.
      rebilled = await bill();
      expect(rebilled.state).toBe('issued');
    });

    let rebilled: Doc;

    it("applies the customer's credit to a later invoice, and refuses more credit than there is", async () => {
      expect((await as.finance.call('GET', `/api/customers/${customer.id}/balance`)).body).toMatchObject({
        balance: 78,
        credit: 35,
      });
      const post = async (data: Record<string, unknown>) => {
        const receipt = await create(as.finance, 'customer_receipt', {
          customer: customer.id,
          receiptDate: '2026-04-05',
          method: 'wechat',
          ...data,
        });
        return as.finance.call('POST', `/api/documents/customer_receipt/${receipt.id}/transitions/post`, {
          version: receipt.version,
        });
      };
      const tooMuch = await post({ amount: 0, creditAmount: 36, allocations: [{ invoice: rebilled.id, amount: 36 }] });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.errors[0].path).toBe('/creditAmount');
      const paid = await post({ amount: 78, creditAmount: 35, allocations: [{ invoice: rebilled.id, amount: 113 }] });
      expect(paid.status).toBe(200);
      expect((await as.finance.call('GET', `/api/customers/${customer.id}/balance`)).body).toEqual({
        balance: 0,
        overdue: 0,
        credit: 0,
      });
      const vouchers = await expectVouchersBalance(as.finance);
      expect(
        vouchers
          .find((v) => v.data.sourceId === paid.body.id)
          ?.data.lines.map((l: any) => [l.account, l.debit, l.credit]),
      ).toEqual([
        ['1002', 78, 0],
        ['1122', 0, 113],
        ['2203', 35, 0],
      ]);
    });
  });
}
