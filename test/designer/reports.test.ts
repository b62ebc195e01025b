// The reports page against a real engine: a report's parameter form in the UI
// language, a run through the report queue shown as table and chart, a file
// download, and an admin's saved report listed and run beside the built-ins.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';
import { pickOption } from './ui';

describe.runIf(chromiumAvailable())('staff app: reports', () => {
  let staff: StaffApp;

  beforeAll(async () => {
    staff = await startStaffApp();
    const token = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const customer = await seed(staff.app, token, 'customer', { code: 'C0001', name: '杭州西湖茶叶店' });
    const warehouse = await seed(staff.app, token, 'warehouse', { code: 'W01', name: '主仓', allowNegative: true });
    const product = await seed(staff.app, token, 'product', { sku: 'P001', name: '龙井茶', unit: '盒', price: 100 });
    for (const [orderDate, qty] of [
      ['2026-11-20', 2],
      ['2026-12-01', 3],
    ] as const) {
      const id = await seed(staff.app, token, 'sales_order', {
        customer,
        warehouse,
        orderDate,
        lines: [{ product, qty, price: 100 }],
      });
      const submitted = await staff.app.inject({
        method: 'POST',
        url: `/api/documents/sales_order/${id}/transitions/submit`,
        headers: { authorization: `Bearer ${token}` },
        payload: { version: 1 },
      });
      expect(submitted.json()).toMatchObject({ state: 'approved' });
    }
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('runs the sales trend by day and shows its table and chart, then downloads it as Excel', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/reports`);
    await page.getByRole('link', { name: '销售趋势' }).click();
    await pickOption(page, page.getByRole('combobox', { name: '粒度' }), '按日');
    await page.getByRole('button', { name: '查询' }).click();

    const table = page.getByRole('table');
    await table.getByRole('row', { name: /2026-12-01/ }).waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['期间', '订单数', '数量', '销售额']);
    expect(await table.getByRole('row', { name: /2026-11-20/ }).textContent()).toContain('200.00');
    await expect(page.getByRole('img', { name: '报表图表' }).isVisible()).resolves.toBe(true);
    // The period links to the orders behind it.
    expect(await table.getByRole('link', { name: '2026-12-01' }).getAttribute('href')).toContain(
      '#/t/sales_order?from=2026-12-01&to=2026-12-01',
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sales_trend-\d+\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    expect(book.worksheets[0].getRow(1).getCell(4).value).toBe('销售额');
    await page.getByText(/已下载 sales_trend-/).waitFor();
  });

  it('shows a report in English as it opens, parameters and columns labelled in English', async (context) => {
    const page = await testPage(staff, context, { locale: 'en' });
    await page.addInitScript(() => localStorage.setItem('jxc.locale', 'en'));
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/reports/sales_trend`);
    // Run on opening, for the default parameters (by month).
    const table = page.getByRole('table');
    await table.getByRole('row', { name: /2026-12/ }).waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Period', 'Orders', 'Quantity', 'Sales']);
    expect(await page.locator('.report-params label').allTextContents()).toEqual([
      'From',
      'To',
      'Warehouse',
      'Customer',
      'Product category',
      'Granularity',
    ]);
    await expect(page.getByRole('combobox', { name: 'Granularity' }).locator('..').textContent()).resolves.toContain(
      'By month',
    );
  });

  it('lets an admin save a custom report that lists and runs beside the built-ins', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/reports`);
    await page.getByRole('button', { name: '新建自定义报表' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('中文名称').fill('按仓库统计订单');
    await dialog.getByLabel('英文名称').fill('Orders by warehouse');
    await dialog.getByLabel('编码').fill('orders_by_warehouse');
    const choose = async (label: string, option: string, search = false) => {
      const select = dialog.getByLabel(label);
      if (!search) {
        await pickOption(page, select, option);
        return;
      }
      // A long list (every document type, every field) shows only its first options:
      // type to narrow it and take the match with Enter, as a clerk would.
      await select.click();
      await select.fill(option);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: option }).waitFor();
      await select.press('Enter');
    };
    await choose('单据类型', '销售订单', true);
    await choose('分组字段', '发货仓库', true);
    await dialog.getByLabel('分组字段').press('Escape');
    await choose('统计方式', '求和');
    await choose('统计字段', '订单总额', true);
    await staff.screenshot(page, 'saved-report-dialog-1366-zh-CN');
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: /按仓库统计订单/ }).click();
    const table = page.getByRole('table');
    await table.getByRole('row', { name: /500\.00/ }).waitFor();
    // The group column is labelled from the definition, and shows the warehouse's name rather than its id.
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['发货仓库', '订单总额（合计）']);
    expect(await table.getByRole('row', { name: /500\.00/ }).textContent()).toContain('主仓');
    await page
      .getByRole('link', { name: /按仓库统计订单/ })
      .getByText('自定义')
      .waitFor();
  });
});
