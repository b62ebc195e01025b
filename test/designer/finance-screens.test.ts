// The staff app's finance screens against a real engine and Chromium: the
// receivables and payables with their aging, a statement with the balance, the
// vouchers with a balanced trial balance, closing a period, and adding and
// deleting an account — in zh-CN at 1366 px and in en at 390 px, with screenshots.
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import {
  chromiumAvailable,
  seed,
  signIn,
  startStaffApp,
  testPage,
  type PageOptions,
  type StaffApp,
} from './staff-app-harness';

describe.runIf(chromiumAvailable())('staff app: finance screens', () => {
  let staff: StaffApp;
  let admin = '';
  // The documents are dated on the day the file starts, and the screens open on the
  // browser's day and month (vouchers of this month, periods up to last month): the
  // pages' clock is held at the moment the data was made, so a run that crosses
  // midnight or a month's end still shows them.
  const seededAt = new Date();
  const today = dayjs(seededAt).format('YYYY-MM-DD');
  const financePage = async (context: TestContext, options?: PageOptions): Promise<Page> => {
    const page = await testPage(staff, context, options);
    await page.clock.setFixedTime(seededAt);
    return page;
  };

  const call = async (url: string, payload: object) => {
    const res = await staff.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${admin}` }, payload });
    if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; number: string; version: number; state: string }>();
  };
  const created = (type: string, data: object) => call(`/api/documents/${type}`, { data });
  const move = (type: string, doc: { id: string; version: number }, key: string) =>
    call(`/api/documents/${type}/${doc.id}/transitions/${key}`, { version: doc.version });

  beforeAll(async () => {
    staff = await startStaffApp();
    admin = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const warehouse = await seed(staff.app, admin, 'warehouse', { code: 'W01', name: '主仓' });
    const supplier = await seed(staff.app, admin, 'supplier', { code: 'S01', name: '丹阳光学' });
    const customer = await seed(staff.app, admin, 'customer', { code: 'C01', name: '明亮眼镜' });
    const product = await seed(staff.app, admin, 'product', { sku: 'P01', name: '镜片', unit: '片', price: 100 });
    const po = await move(
      'purchase_order',
      await created('purchase_order', {
        supplier,
        warehouse,
        orderDate: today,
        lines: [{ product, qty: 10, price: 50 }],
      }),
      'submit',
    );
    const gr = await move(
      'goods_receipt',
      await created('goods_receipt', {
        supplier,
        warehouse,
        purchaseOrder: po.id,
        receiptDate: today,
        lines: [{ product, acceptedQty: 10 }],
      }),
      'post',
    );
    await move(
      'supplier_invoice',
      await created('supplier_invoice', {
        supplier,
        purchaseOrder: po.id,
        goodsReceipt: gr.id,
        invoiceDate: today,
        lines: [{ product, qty: 10, price: 50, taxRate: 0.13 }],
      }),
      'submit',
    );
    const order = await move(
      'sales_order',
      await move(
        'sales_order',
        await created('sales_order', {
          customer,
          warehouse,
          orderDate: today,
          lines: [{ product, qty: 2, price: 100, discount: 0 }],
        }),
        'submit',
      ),
      'ship',
    );
    await move(
      'sales_invoice',
      await created('sales_invoice', {
        customer,
        salesOrder: order.id,
        invoiceDate: today,
        lines: [{ product, qty: 2, price: 100, taxRate: 0.13 }],
      }),
      'issue',
    );
  }, 240_000);

  afterAll(async () => {
    await staff?.close();
  });

  const open = async (page: Page, tab: string) => {
    await page.goto(`${staff.baseUrl}/app/#/finance/${tab}`);
  };

  it('shows receivables and payables by age, and a statement with the balance, in zh-CN at 1366 px', async (context) => {
    const page = await financePage(context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await open(page, 'receivables');
    const receivables = page.locator('.finance-aging-customer');
    await receivables.getByRole('cell', { name: '明亮眼镜', exact: true }).waitFor();
    await expect(receivables.locator('tbody').innerText()).resolves.toContain('226.00');
    await staff.screenshot(page, 'finance-receivables-1366-zh');

    await page.getByRole('tab', { name: '应付账款' }).click();
    const payables = page.locator('.finance-aging-supplier');
    await payables.getByRole('cell', { name: '丹阳光学', exact: true }).waitFor();
    await expect(payables.locator('tbody').innerText()).resolves.toContain('565.00');
    await payables.getByRole('button', { name: '查看对账单 丹阳光学' }).click();

    await page.locator('.finance-statement').getByRole('cell', { name: /^PI-/ }).waitFor();
    // The balance is its own request, which may answer after the statement's rows.
    await expect.poll(() => page.locator('.finance-balance').innerText()).toContain('565.00');
    await staff.screenshot(page, 'finance-statement-1366-zh');
  }, 120_000);

  it('lists vouchers with a balanced trial balance, closes a period, and edits the chart, in zh-CN at 1366 px', async (context) => {
    const page = await financePage(context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await open(page, 'vouchers');
    await page.locator('.finance-vouchers').getByRole('cell', { name: /^JZ-/ }).first().waitFor();
    await page.getByText(/^借贷平衡/).waitFor();
    await page.locator('.finance-trial-balance').getByRole('cell', { name: '1405', exact: true }).waitFor();
    await page
      .locator('.finance-vouchers')
      .getByRole('cell', { name: /^销售开票 SI-/ })
      .waitFor();
    await page.locator('.finance-trial-balance').getByRole('cell', { name: '库存商品', exact: true }).waitFor();
    await staff.screenshot(page, 'finance-vouchers-1366-zh');

    await page.getByRole('tab', { name: '会计期间' }).click();
    await page.getByRole('button', { name: /^结\s?账$/ }).click();
    const lastMonth = dayjs(seededAt).subtract(1, 'month').format('YYYY-MM');
    const row = page.locator('.finance-periods').getByRole('row', { name: new RegExp(lastMonth) });
    await row.getByText('已结账').waitFor();
    await staff.screenshot(page, 'finance-periods-1366-zh');

    await page.getByRole('tab', { name: '会计科目' }).click();
    await page.getByRole('button', { name: '新增科目' }).click();
    const dialog = page.getByRole('dialog', { name: '新增科目' });
    await dialog.getByLabel('科目编码').fill('6603');
    await dialog.getByLabel('中文名称').fill('财务费用');
    await dialog.getByLabel('英文名称').fill('Finance costs');
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    const accounts = page.locator('.finance-accounts');
    await accounts.getByRole('cell', { name: '财务费用', exact: true }).waitFor();
    await staff.screenshot(page, 'finance-accounts-1366-zh');
    await accounts.getByRole('button', { name: '删除 6603' }).click();
    await page.getByRole('button', { name: /^(确\s?定|OK)$/ }).click();
    await accounts.getByRole('cell', { name: '财务费用', exact: true }).waitFor({ state: 'detached' });
  }, 120_000);

  it('shows the same screens in English on a 390 px phone', async (context) => {
    const page = await financePage(context, { width: 390, height: 844, locale: 'en' });
    await page.addInitScript(() => localStorage.setItem('jxc.locale', 'en'));
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await open(page, 'payables');
    await page.locator('.finance-aging-supplier').getByRole('cell', { name: '丹阳光学', exact: true }).waitFor();
    await staff.screenshot(page, 'finance-payables-390-en');
    await open(page, 'vouchers');
    await page.getByText(/^Debits equal credits/).waitFor();
    // Summaries and account names in English: vouchers keep both languages.
    const vouchers = page.locator('.finance-vouchers');
    const invoice = vouchers.getByRole('row', { name: /Sales invoice SI-/ });
    await invoice.getByRole('button', { name: /expand/i }).click();
    await vouchers.getByRole('cell', { name: '1122 Accounts receivable', exact: true }).waitFor();
    await page.locator('.finance-trial-balance').getByRole('cell', { name: 'Inventory', exact: true }).waitFor();
    await expect(vouchers.locator('tbody').first().innerText()).resolves.not.toMatch(/[\u4e00-\u9fff]/);
    await staff.screenshot(page, 'finance-vouchers-390-en');
    await open(page, 'accounts');
    await page.locator('.finance-accounts').getByRole('cell', { name: 'Accounts receivable', exact: true }).waitFor();
    await staff.screenshot(page, 'finance-accounts-390-en');
    expect(staff.consoleErrors.filter((e) => !e.includes('favicon'))).toEqual([]);
  }, 120_000);

  it('shows the vouchers and the chart in English at 1366 px and in zh-CN at 390 px', async (context) => {
    for (const [locale, width] of [
      ['en', 1366],
      ['zh-CN', 390],
    ] as const) {
      const page = await testPage(staff, context, { width, height: width > 1000 ? 900 : 844, chosenLocale: locale });
      await signIn(page, staff.baseUrl, TEST_ADMIN);
      await open(page, 'vouchers');
      const summary = locale === 'en' ? /^Cost of goods shipped / : /^销售出库成本 /;
      await page.locator('.finance-vouchers').getByRole('cell', { name: summary }).waitFor();
      await staff.screenshot(page, `finance-vouchers-${width}-${locale}`);
      await open(page, 'accounts');
      const receivable = locale === 'en' ? 'Accounts receivable' : '应收账款';
      const accounts = page.locator('.finance-accounts');
      await accounts.getByRole('cell', { name: receivable, exact: true }).waitFor();
      // Posting roles by their label, never the engine's key (`receivable`).
      const role = locale === 'en' ? 'Owed by customers' : '客户欠款';
      await accounts.getByRole('row', { name: /1122/ }).getByText(role, { exact: true }).waitFor();
      const tags = await accounts.locator('.ant-tag').allInnerTexts();
      expect(tags.filter((tag) => /^[a-z]+[A-Za-z]*$/.test(tag))).toEqual([]);
      await staff.screenshot(page, `finance-accounts-${width}-${locale}`);
    }
  }, 120_000);
});
