// On a 390×844 phone every staff page fits: no horizontal page scroll, and lists
// are cards (every column's value shown, none cut off by a table's overflow).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';

describe.runIf(chromiumAvailable())('staff app: on a phone', () => {
  let staff: StaffApp;
  const ids = { order: '', customer: '' };

  beforeAll(async () => {
    staff = await startStaffApp();
    const token = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    ids.customer = await seed(staff.app, token, 'customer', {
      code: 'C0001',
      name: '杭州西湖茶叶店',
      contact: '王经理',
      phone: '13800000000',
    });
    const warehouse = await seed(staff.app, token, 'warehouse', { code: 'W01', name: '主仓', allowNegative: true });
    const product = await seed(staff.app, token, 'product', {
      sku: 'P001',
      name: '西湖龙井 250g 礼盒装',
      unit: '盒',
      price: 5000,
    });
    ids.order = await seed(staff.app, token, 'sales_order', {
      customer: ids.customer,
      warehouse,
      orderDate: '2026-12-01',
      lines: [{ product, qty: 3, price: 5000 }],
    });
  });

  afterAll(async () => {
    await staff?.close();
  });

  const pages = () => [
    '/',
    '/t/sales_order',
    '/t/customer',
    '/t/product',
    '/t/sales_order/new',
    `/t/sales_order/${ids.order}`,
    `/t/customer/${ids.customer}`,
    '/inbox',
    '/stock',
    '/stock/opening',
    '/reports',
    '/admin/users',
    '/admin/audit',
    '/account/password',
  ];

  it('has no horizontal page scroll on any page, and lists show cards', async (context) => {
    const page = await testPage(staff, context, { width: 390, height: 844 });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    const wide: string[] = [];
    for (const path of pages()) {
      await page.goto(`${staff.baseUrl}/app/#${path}`);
      await page.locator('.app-content .screen-head, .app-content .ant-card').first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .screen-loading').length === 0);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${path}: ${width}px`);
      await staff.screenshot(page, `phone ${path}`);
    }
    expect(wide).toEqual([]);
  });

  it('fits the English inbox (delegation form) and roles table on a phone', async (context) => {
    const page = await testPage(staff, context, { width: 390, height: 844, locale: 'en' });
    await page.addInitScript(() => localStorage.setItem('jxc.locale', 'en'));
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    const wide: string[] = [];
    for (const [path, shown] of [
      ['/inbox', 'Add delegation'],
      ['/admin/roles', 'Warehouse keeper'],
    ]) {
      await page.goto(`${staff.baseUrl}/app/#${path}`);
      await page.getByText(shown).first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${path}: ${width}px`);
    }
    expect(wide).toEqual([]);
  });

  it('shows every list column of an order on its card', async (context) => {
    const page = await testPage(staff, context, { width: 390, height: 844 });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order`);
    await page.locator('.document-card').first().waitFor();
    expect(await page.locator('table').count()).toBe(0);
    const columns = await page
      .locator('.document-card')
      .first()
      .locator('[data-column]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-column')));
    expect(columns).toEqual([
      'data.customer',
      'data.orderDate',
      'data.deliveryDate',
      'data.priority',
      'data.total',
      'state',
      'createdAt',
    ]);
    const overflowing = await page
      .locator('.document-card')
      .first()
      .evaluate(
        (card) => Array.from(card.querySelectorAll('dd')).filter((dd) => dd.scrollWidth > dd.clientWidth + 1).length,
      );
    expect(overflowing).toBe(0);
  });
});
