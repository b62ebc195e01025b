// A shop's day in the browser, against a real engine: a clerk sets up a customer
// and products, posts opening stock, takes a two-line order by reference search
// and barcode scan (total shown before saving) and submits it; the manager
// approves it from the inbox in place; the clerk ships it; history, the linked
// delivery and stock levels show what happened. A duplicate customer code is
// refused on the code field, in Chinese.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';
import { fillDate, pickRef, text } from './ui';

const CLERK = {
  username: 'xiaowang',
  password: 'Clerk-Pass-2026-shop',
  roles: ['sales_clerk', 'warehouse_keeper', 'purchaser'],
};
const MANAGER = { username: 'laoli', password: 'Manager-Pass-2026-shop', roles: ['sales_manager'] };

describe.runIf(chromiumAvailable())('staff app: a shop day', () => {
  let staff: StaffApp;
  let orderUrl = '';

  beforeAll(async () => {
    staff = await startStaffApp();
    const admin = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    await createUser(staff.app, admin, CLERK);
    await createUser(staff.app, admin, MANAGER);
    await seed(staff.app, admin, 'warehouse', { code: 'W01', name: '主仓' });
    await seed(staff.app, admin, 'product', { sku: 'P002', name: '绿茶', unit: '盒', price: 100 });
  });

  afterAll(async () => {
    await staff?.close();
  });

  const save = (page: Page) => page.getByRole('button', { name: /保\s?存/ }).click();

  async function levelOf(page: Page, sku: string, column: string): Promise<string | undefined> {
    await page.goto(`${staff.baseUrl}/app/#/stock`);
    const row = page.locator('.stock-levels tr', { hasText: sku });
    await row.waitFor();
    return text(page, `.stock-levels tr:has-text("${sku}") [data-column=${column}]`);
  }

  it('a clerk sets up, posts opening stock, takes and submits a two-line order', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, CLERK);

    await page.goto(`${staff.baseUrl}/app/#/t/customer/new`);
    await page.fill('#root_code', 'C0001');
    await page.fill('#root_name', '杭州西湖茶叶店');
    await save(page);
    await page.locator('.doc-number', { hasText: 'C0001 杭州西湖茶叶店' }).waitFor();

    await page.goto(`${staff.baseUrl}/app/#/t/product/new`);
    await page.fill('#root_sku', 'P001');
    await page.fill('#root_name', '龙井茶');
    await page.fill('#root_unit', '盒');
    await page.fill('#root_barcode', '6901234567892');
    await page.fill('#root_price', '5000');
    await save(page);
    await page.locator('.doc-number', { hasText: 'P001 龙井茶' }).waitFor();
    // Edit in place: an active product is editable.
    await page.getByRole('button', { name: /编\s?辑/ }).click();
    await page.fill('#root_name', '西湖龙井 250g');
    await save(page);
    await page.locator('.doc-number', { hasText: 'P001 西湖龙井 250g' }).waitFor();
    expect(await text(page, '.doc-summary')).toContain('2');

    await page.goto(`${staff.baseUrl}/app/#/stock/opening`);
    await pickRef(page, '仓库', 'W01', 'W01 主仓');
    await pickRef(page, '商品 1', 'P001', 'P001 西湖龙井 250g');
    await page.getByRole('spinbutton', { name: '数量 1' }).fill('10');
    await page.getByRole('button', { name: '添加一行' }).click();
    await pickRef(page, '商品 2', '绿茶', 'P002 绿茶');
    await page.getByRole('spinbutton', { name: '数量 2' }).fill('50');
    await page.getByRole('button', { name: '过账期初库存' }).click();
    await page.locator('.doc-state [data-state=posted]').waitFor();

    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await pickRef(page, '#root_customer', '西湖', 'C0001 杭州西湖茶叶店');
    await pickRef(page, '#root_warehouse', '主仓', 'W01 主仓');
    await fillDate(page, '#root_orderDate', '2026-12-01');
    await pickRef(page, '#root_lines_0_product', '绿茶', 'P002 绿茶');
    await page.fill('#root_lines_0_qty', '3');
    await page.fill('#root_lines_0_price', '100');
    // A USB scanner types the code and Enter: a new line, then its quantity goes up.
    const scanner = page.getByRole('textbox', { name: '扫码录入' });
    await scanner.fill('6901234567892');
    await scanner.press('Enter');
    await page.locator('#root_lines_1_product').waitFor();
    await scanner.fill('6901234567892');
    await scanner.press('Enter');
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('#root_lines_1_qty')?.value === '2');
    await page.fill('#root_lines_1_price', '5000');
    // The total before saving, computed in the browser with the engine's rules.
    await page.locator('.live-total', { hasText: '10,300.00' }).waitFor();
    expect(await page.inputValue('#root_lines_1_amount')).toBe('10,000.00');
    await save(page);
    await page.locator('.doc-number').waitFor();
    expect(await text(page, '.doc-total')).toBe('10,300.00');
    orderUrl = page.url();
    await page.locator('button[data-transition=submit]').click();
    await page.locator('.doc-state [data-state=pending_review]').waitFor();
    await page.locator('.approval-panel', { hasText: '销售经理' }).waitFor();
  });

  it('refuses a duplicate customer code on the code field, in Chinese', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, CLERK);
    await page.goto(`${staff.baseUrl}/app/#/t/customer/new`);
    await page.fill('#root_code', 'C0001');
    await page.fill('#root_name', '另一家茶叶店');
    await save(page);
    await page.locator('#root_code__error').waitFor();
    expect(await text(page, '#root_code__error')).toBe('客户编码 C0001 已被 杭州西湖茶叶店 使用');
    expect(new URL(page.url()).hash).toBe('#/t/customer/new');
  });

  it('the manager approves from the inbox, the clerk ships; history, delivery and stock show it', async (context) => {
    expect(orderUrl).not.toBe('');
    const manager = await testPage(staff, context);
    await signIn(manager, staff.baseUrl, MANAGER);
    await manager.locator('.inbox-count[data-count="1"]').waitFor();
    await manager.locator('.inbox-count').click();
    await manager.locator('.inbox-table a', { hasText: 'SO-' }).click();
    await manager.getByRole('button', { name: /同\s?意/ }).click();
    await manager.getByRole('dialog').getByRole('textbox').fill('可以发货');
    await manager
      .getByRole('dialog')
      .getByRole('button', { name: /确\s?定/ })
      .click();
    await manager.locator('.doc-state [data-state=approved]').waitFor();
    expect(await levelOf(manager, 'P001', 'reserved')).toBe('2');

    const clerk = await testPage(staff, context);
    await signIn(clerk, staff.baseUrl, CLERK);
    await clerk.goto(orderUrl);
    await clerk.locator('button[data-transition=ship]').click();
    await clerk.locator('.doc-state [data-state=shipped]').waitFor();
    await clerk.locator('.linked-documents [data-linked-type=delivery]').waitFor();
    const history = clerk.locator('.history');
    await history.locator('.timeline-entry', { hasText: MANAGER.username }).waitFor();
    await history.locator('.timeline-entry', { hasText: '可以发货' }).waitFor();
    await history.locator('.timeline-entry', { hasText: '发货' }).first().waitFor();
    expect(await levelOf(clerk, 'P001', 'onHand')).toBe('8');
    expect(await text(clerk, '.stock-levels tr:has-text("P001") [data-column=reserved]')).toBe('0');
  });
});
