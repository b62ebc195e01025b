// Editing the chart of accounts over real HTTP on both stores: a rename and a
// posting role pointed at a new code reach the next voucher, an account in use
// cannot be deleted (422 naming it, nothing changes), every change is audited,
// and only admin and finance_manager may edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { backends } from '../support/backends';
import { create, startEngine, transition, type Doc, type Http, type Role } from './http';

for (const backend of backends()) {
  describe(`the chart of accounts, over HTTP [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<Role, Http>;
    let customer: Doc;

    beforeAll(async () => {
      ({ t, as } = await startEngine(backend));
      customer = await create(as.admin, 'customer', { code: 'C1', name: '明亮眼镜', creditLevel: 'A' });
    });

    afterAll(async () => {
      await t?.close();
    });

    async function receiptVoucherLines(date: string): Promise<Array<[string, string, number, number]>> {
      const receipt = await transition(
        as.finance,
        'customer_receipt',
        await create(as.finance, 'customer_receipt', {
          customer: customer.id,
          receiptDate: date,
          method: 'bank_transfer',
          amount: 100,
        }),
        'post',
      );
      const vouchers = await as.finance.call('GET', '/api/documents/voucher?limit=100');
      const voucher = vouchers.body.items.find((v: Doc) => v.data.sourceId === receipt.id);
      return voucher.data.lines.map((l: any) => [l.account, l.accountName, l.debit, l.credit]);
    }

    it('lists the default accounts with the posting role each one takes', async () => {
      const res = await as.finance.call('GET', '/api/finance/accounts');
      expect(res.status).toBe(200);
      expect(res.body.find((a: any) => a.code === '1122')).toEqual({
        code: '1122',
        name: { 'zh-CN': '应收账款', en: 'Accounts receivable' },
        role: 'receivable',
        builtin: true,
        inUse: true,
      });
      expect((await as.clerk.call('GET', '/api/finance/accounts')).status).toBe(403);
    });

    it('renames an account and points a posting role at a new code, for the vouchers that follow', async () => {
      expect((await receiptVoucherLines('2026-05-02'))[0]).toEqual(['1002', '银行存款', 100, 0]);
      const renamed = await as.finance.call('PUT', '/api/finance/accounts/1002', {
        name: { 'zh-CN': '银行存款（总）', en: 'Bank deposits (all)' },
      });
      expect(renamed.status).toBe(200);
      expect((await receiptVoucherLines('2026-05-03'))[0]).toEqual(['1002', '银行存款（总）', 100, 0]);

      const added = await as.admin.call('PUT', '/api/finance/accounts/100201', {
        name: { 'zh-CN': '银行存款-工商银行', en: 'Bank deposits - ICBC' },
        role: 'bank',
      });
      expect(added.body).toMatchObject({ code: '100201', role: 'bank', builtin: false, inUse: true });
      expect((await receiptVoucherLines('2026-05-04'))[0]).toEqual(['100201', '银行存款-工商银行', 100, 0]);
      const list = (await as.finance.call('GET', '/api/finance/accounts')).body;
      expect(list.find((a: any) => a.code === '1002')).toMatchObject({ role: null, inUse: true });

      const audit = await as.admin.call('GET', '/api/audit?action=finance.account.save');
      expect(JSON.stringify(audit.body)).toContain('account:100201');
    });

    it('refuses to delete an account in use, naming it and changing nothing, and deletes one that is not', async () => {
      const before = (await as.finance.call('GET', '/api/finance/accounts')).body;
      // 1002: vouchers use it; 100201: the bank role goes to it; 6711: the otherExpense role goes to it.
      for (const code of ['1002', '100201', '6711']) {
        const refused = await as.finance.call('DELETE', `/api/finance/accounts/${code}`);
        expect(refused.status).toBe(422);
        expect(refused.body.errors[0].path).toBe('/code');
        expect(refused.body.detail).toContain(code);
      }
      expect((await as.finance.call('GET', '/api/finance/accounts')).body).toEqual(before);

      await as.finance.call('PUT', '/api/finance/accounts/6603', {
        name: { 'zh-CN': '财务费用', en: 'Finance costs' },
      });
      expect((await as.finance.call('DELETE', '/api/finance/accounts/6603')).status).toBe(204);
      const after = (await as.finance.call('GET', '/api/finance/accounts')).body.map((a: any) => a.code);
      expect(after).not.toContain('6603');
      expect(after).toContain('6711');
      expect(after).toContain('1002');
    });

    it('answers bad input with a problem naming the field, in the caller language', async () => {
      const res = await as.finance.call('PUT', '/api/finance/accounts/6602', { name: { 'zh-CN': '管理费用' } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(JSON.stringify(res.body.errors)).toContain('en');
      expect((await as.finance.call('GET', '/api/finance/accounts')).body.map((a: any) => a.code)).not.toContain(
        '6602',
      );
      expect((await as.clerk.call('DELETE', '/api/finance/accounts/6401')).status).toBe(403);
    });
  });
}
