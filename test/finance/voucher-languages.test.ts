// Vouchers in both languages, over real HTTP on both stores: a posting stores its
// summary and account names in zh-CN and English, the trial balance and the
// voucher export show them in the language the run was asked in, and a voucher
// written before the English fields existed still shows (its zh-CN text).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsCollection } from '../../engine/documents/index';
import type { TestApp } from '../support/app';
import { backends } from '../support/backends';
import { create, runReport, startEngine, transition, type Doc, type Http, type Role } from './http';

for (const backend of backends()) {
  describe(`voucher summaries and account names in zh-CN and en [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<Role, Http>;
    let receipt: Doc;
    let goodsReceipt: Doc;

    const voucherOf = async (sourceId: string): Promise<Doc | undefined> => {
      const list = await as.finance.call('GET', '/api/documents/voucher?limit=100');
      return list.body.items.find((v: Doc) => v.data.sourceId === sourceId);
    };

    beforeAll(async () => {
      ({ t, as } = await startEngine(backend));
      const customer = await create(as.admin, 'customer', { code: 'C1', name: '明亮眼镜', creditLevel: 'A' });
      const supplier = await create(as.admin, 'supplier', { code: 'S1', name: '丹阳光学', rating: 4 });
      const warehouse = await create(as.admin, 'warehouse', { code: 'W1', name: '上海总仓' });
      const product = await create(as.admin, 'product', { sku: 'L-1', name: '镜片', unit: '片', price: 100 });
      receipt = await transition(
        as.finance,
        'customer_receipt',
        await create(as.finance, 'customer_receipt', {
          customer: customer.id,
          receiptDate: '2026-05-02',
          method: 'bank_transfer',
          amount: 100,
        }),
        'post',
      );
      const po = await transition(
        as.buyer,
        'purchase_order',
        await create(as.buyer, 'purchase_order', {
          supplier: supplier.id,
          warehouse: warehouse.id,
          orderDate: '2026-05-03',
          lines: [{ product: product.id, qty: 2, price: 50 }],
        }),
        'submit',
      );
      goodsReceipt = await transition(
        as.keeper,
        'goods_receipt',
        await create(as.keeper, 'goods_receipt', {
          supplier: supplier.id,
          warehouse: warehouse.id,
          purchaseOrder: po.id,
          receiptDate: '2026-05-03',
          lines: [{ product: product.id, acceptedQty: 2, rejectedQty: 0 }],
        }),
        'post',
      );
    }, 90_000);

    afterAll(async () => {
      await t?.close();
    });

    it('stores the summary and each account name in zh-CN and English', async () => {
      const voucher = await voucherOf(receipt.id);
      expect(voucher?.data).toMatchObject({
        summary: `收款 ${receipt.number}`,
        summaryEn: `Receipt ${receipt.number}`,
      });
      expect(voucher?.data.lines[0]).toMatchObject({
        account: '1002',
        accountName: '银行存款',
        accountNameEn: 'Bank deposits',
        summary: `收款 ${receipt.number}`,
        summaryEn: `Receipt ${receipt.number}`,
      });
      // A stock posting's summary comes from its definition's effect options, in both languages.
      await expect
        .poll(async () => (await voucherOf(goodsReceipt.id))?.data.summaryEn, { timeout: 15_000 })
        .toBe(`Goods received ${goodsReceipt.number}`);
      expect((await voucherOf(goodsReceipt.id))?.data.summary).toBe(`采购入库 ${goodsReceipt.number}`);
    });

    it('shows the trial balance and the voucher export in the language asked for', async () => {
      const name = (tb: any, code: string) => tb.rows.find((r: any) => r.account === code)?.accountName;
      const range = { from: '2026-05-01', to: '2026-05-31' };
      expect(name(await runReport(as.finance, 'trial_balance', range, undefined, 'en'), '1002')).toBe('Bank deposits');
      expect(name(await runReport(as.finance, 'trial_balance', range, undefined, 'zh-CN'), '1002')).toBe('银行存款');

      const exported = await runReport(as.finance, 'voucher_export', range, undefined, 'en');
      expect(exported.rows).toContainEqual(
        expect.objectContaining({
          summary: `Receipt ${receipt.number}`,
          accountCode: '1002',
          accountName: 'Bank deposits',
        }),
      );
    });

    it('still shows a voucher written before the English fields existed, in its zh-CN text', async () => {
      const voucher = await voucherOf(receipt.id);
      // What a voucher written by an earlier release holds: zh-CN strings only.
      await documentsCollection(t.store, 'voucher').updateOne(
        { _id: voucher!.id },
        {
          $unset: { 'data.summaryEn': '' },
          $set: {
            'data.lines': voucher!.data.lines.map((l: Record<string, unknown>) => ({
              account: l.account,
              accountName: l.accountName,
              summary: l.summary,
              debit: l.debit,
              credit: l.credit,
            })),
          },
        },
      );
      const read = await as.finance.call('GET', `/api/documents/voucher/${voucher!.id}`, undefined, {
        'accept-language': 'en',
      });
      expect(read.status).toBe(200);
      expect(read.body.data.summary).toBe(`收款 ${receipt.number}`);
      const exported = await runReport(
        as.finance,
        'voucher_export',
        { from: '2026-05-02', to: '2026-05-02' },
        undefined,
        'en',
      );
      expect(exported.rows).toContainEqual(
        expect.objectContaining({ summary: `收款 ${receipt.number}`, accountCode: '1002', accountName: '银行存款' }),
      );
    });
  });
}
