// Excel in the browser: the order list exports through the engine's export, and
// three customers import from a sheet with one bad row — the check shows the
// row's error before anything is written, then the two good rows import.
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';
import { text } from './ui';

describe.runIf(chromiumAvailable())('staff app: Excel export and import', () => {
  let staff: StaffApp;
  let token: string;

  beforeAll(async () => {
    staff = await startStaffApp();
    token = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const customer = await seed(staff.app, token, 'customer', { code: 'C0100', name: '西湖茶庄' });
    const warehouse = await seed(staff.app, token, 'warehouse', { code: 'W01', name: '主仓', allowNegative: true });
    const product = await seed(staff.app, token, 'product', { sku: 'P001', name: '龙井茶', unit: '盒', price: 88 });
    await seed(staff.app, token, 'sales_order', {
      customer,
      warehouse,
      orderDate: '2026-12-01',
      lines: [{ product, qty: 2, price: 88 }],
    });
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('exports the order list to an .xlsx holding the orders', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order`);
    await page.locator('.documents a', { hasText: 'SO-' }).waitFor();
    const number = await text(page, '.documents a');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
    const cells = book.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain(number);
  });

  it('checks an import row by row, then imports the valid rows with partial', async (context) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('customers');
    sheet.addRow(['code', 'name']);
    sheet.addRow(['C0201', '杭州茶叶一店']);
    sheet.addRow(['C 0202', '坏编码的店']);
    sheet.addRow(['C0203', '杭州茶叶三店']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());

    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/customer`);
    await page.getByRole('button', { name: '导入 Excel' }).click();
    await page.getByLabel('选择 Excel 文件').setInputFiles({
      name: 'customers.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await page.locator('.import-errors tbody tr').first().waitFor();
    expect(await page.locator('.import-errors tbody tr').count()).toBe(1);
    expect(await text(page, '.import-errors tbody tr td')).toBe('3');
    // Nothing is written by the check.
    const before = await staff.app.inject({
      method: 'GET',
      url: '/api/documents/customer?q=杭州茶叶',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(before.json<{ items: unknown[] }>().items).toHaveLength(0);

    await page.getByRole('button', { name: '导入 2 行有效数据' }).click();
    await page.locator('.import-done', { hasText: '已导入 2 行' }).waitFor();
    const after = await staff.app.inject({
      method: 'GET',
      url: '/api/documents/customer?q=杭州茶叶',
      headers: { authorization: `Bearer ${token}` },
    });
    const names = after
      .json<{ items: Array<{ data: { name: string } }> }>()
      .items.map((d) => d.data.name)
      .sort();
    expect(names).toEqual(['杭州茶叶一店', '杭州茶叶三店']);
  });
});
