// The staff app shows stored values the way a shop reads them: money with 2
// decimals in lists, phone cards and read-only fields ("15,000.00", never "15000"),
// no typing help on a saved document, a line card with no blank first cell, the
// audit log in words ("修改角色", "角色: 销售经理 → 销售经理、采购经理") rather than
// action keys and JSON, and the English side menu's plugins entry not cut off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';

const MANAGER = { username: 'laoli', password: 'Manager-Pass-2026-shop', roles: ['sales_manager'] };

describe.runIf(chromiumAvailable())('staff app: values as a shop reads them', () => {
  let staff: StaffApp;
  let order = '';

  beforeAll(async () => {
    staff = await startStaffApp();
    const admin = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const manager = await createUser(staff.app, admin, MANAGER);
    const customer = await seed(staff.app, admin, 'customer', { code: 'C0001', name: '杭州西湖茶叶店' });
    const warehouse = await seed(staff.app, admin, 'warehouse', { code: 'W01', name: '主仓', allowNegative: true });
    const product = await seed(staff.app, admin, 'product', { sku: 'P001', name: '龙井茶', unit: '盒', price: 15000 });
    order = await seed(staff.app, admin, 'sales_order', {
      customer,
      warehouse,
      orderDate: '2026-12-01',
      lines: [{ product, qty: 2, price: 15000 }],
    });
    const res = await staff.app.inject({
      method: 'PUT',
      url: `/api/users/${manager.id}/roles`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { roles: ['sales_manager', 'purchase_manager'] },
    });
    expect(res.statusCode).toBe(200);
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('shows money with 2 decimals in the product list and the order list', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/product`);
    const price = page.getByRole('row', { name: /龙井茶/ }).locator('td[data-column="data.price"]');
    await price.waitFor();
    expect((await price.textContent())?.trim()).toBe('15,000.00');
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order`);
    const total = page.getByRole('row', { name: /杭州西湖茶叶店/ }).locator('td[data-column="data.total"]');
    await total.waitFor();
    expect((await total.textContent())?.trim()).toBe('30,000.00');
  });

  it('shows money with 2 decimals on a phone card, in English', async (context) => {
    const page = await testPage(staff, context, { width: 390, height: 844, locale: 'en' });
    await page.addInitScript(() => localStorage.setItem('jxc.locale', 'en'));
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/product`);
    const price = page.locator('.document-card [data-column="data.price"] dd');
    await price.waitFor();
    expect((await price.textContent())?.trim()).toBe('15,000.00');
  });

  it('shows a saved order with formatted read-only figures and no help texts; editing brings the help back', async (context) => {
    const page = await testPage(staff, context, { width: 390, height: 844 });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/${order}`);
    const unitPrice = page.getByLabel('单价', { exact: true });
    await unitPrice.waitFor();
    expect(await unitPrice.inputValue()).toBe('15,000.00');
    expect(await page.getByLabel('金额', { exact: true }).inputValue()).toBe('30,000.00');
    expect(await page.getByLabel('订单总额').inputValue()).toBe('30,000.00');
    expect(await page.getByLabel('数量', { exact: true }).inputValue()).toBe('2');
    expect(await page.getByText('留空时按客户价格组取价').count()).toBe(0);
    // The line card starts with its first field, not an empty cell.
    const firstCell = await page
      .locator('.line-item fieldset > .ant-row')
      .first()
      .evaluate((row) => {
        const shown = Array.from(row.children).find((c) => getComputedStyle(c).display !== 'none');
        return shown?.querySelector('label')?.textContent ?? shown?.textContent ?? '';
      });
    expect(firstCell).toBe('商品');
    await staff.screenshot(page, 'order-view-390-zh-CN-readable');

    await page.getByRole('button', { name: /编\s?辑/ }).click();
    await page.getByText('留空时按客户价格组取价').waitFor();
    // Computed while typing, and still read as money.
    expect(await page.getByLabel('金额', { exact: true }).inputValue()).toBe('30,000.00');
  });

  for (const [locale, roles, login, rolesLine] of [
    ['zh-CN', '修改角色', '登录', '角色: 销售经理 → 销售经理、采购经理'],
    ['en', 'Roles changed', 'Signed in', 'Roles: Sales manager → Sales manager, Purchase manager'],
  ] as const) {
    it(`shows the audit log's actions and changes in words, in ${locale}`, async (context) => {
      const page = await testPage(staff, context, { chosenLocale: locale });
      await signIn(page, staff.baseUrl, TEST_ADMIN);
      await page.goto(`${staff.baseUrl}/app/#/admin/audit`);
      const row = page.getByRole('row', { name: new RegExp(roles) });
      await row.waitFor();
      // Role names come from their own request (the roles list), which may answer after the rows.
      await expect.poll(() => row.locator('.audit-details li').first().textContent()).toBe(rolesLine);
      expect(await page.locator('.audit-action').allTextContents()).toContain(login);
      // No stored key or JSON is shown as text.
      const table = (await page.locator('.audit-screen table').textContent()) ?? '';
      expect(table).not.toContain('user.roles_changed');
      expect(table).not.toContain('auth.login');
      expect(table).not.toContain('{"');
      await staff.screenshot(page, `audit-1366-${locale}`);
    });
  }

  it('filters the audit log by an action named in words', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/admin/audit`);
    await page.getByRole('row', { name: /修改角色/ }).waitFor();
    const filter = page.getByRole('combobox', { name: '操作' });
    await filter.click();
    await filter.fill('修改角色');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="修改角色"]').click();
    await page.waitForFunction(() => !document.body.textContent?.includes('发布单据类型'));
    const actions = await page.locator('.audit-action').allTextContents();
    expect(actions).toEqual(['修改角色']);
  });

  it('names the plugins page in the English side menu without cutting it off', async (context) => {
    const page = await testPage(staff, context, { locale: 'en' });
    await page.addInitScript(() => localStorage.setItem('jxc.locale', 'en'));
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/admin/plugins`);
    await page.locator('.app-sider .ant-menu-submenu-title', { hasText: 'Settings' }).click();
    const item = page.locator('.app-sider .ant-menu-item .ant-menu-title-content', { hasText: 'Industry templates' });
    await item.waitFor();
    expect((await item.textContent())?.trim()).toBe('Industry templates');
    expect(await item.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
  });
});
