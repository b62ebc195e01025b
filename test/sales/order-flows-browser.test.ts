// The staff app's order flows (issue 17): "再来一单" on a sales order opens a new
// draft with the old prices beside today's, an order kept as a template is
// offered on a new order, and the customer 360 is one click from the customer.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { receiveStock } from '../../engine/inventory/operations';
import { login, TEST_ADMIN } from '../support/app';
import { pickRef } from '../designer/ui';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from '../designer/staff-app-harness';

describe.runIf(chromiumAvailable())('staff app: order again, templates and the customer 360', () => {
  let staff: StaffApp;
  let token: string;
  let customer: string;
  let order: { id: string; number: string };

  const call = async (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) => {
    const res = await staff.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; number: string; version: number }>();
  };

  beforeAll(async () => {
    staff = await startStaffApp();
    token = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    customer = await seed(staff.app, token, 'customer', { code: 'C-UI', name: '厦门眼镜城' });
    const warehouse = await seed(staff.app, token, 'warehouse', { code: 'W-UI', name: '厦门仓' });
    const lens = await seed(staff.app, token, 'product', {
      sku: 'LENS-1',
      name: '防蓝光镜片',
      unit: '片',
      units: [{ unit: '盒', factor: 10 }],
      price: 20,
    });
    await receiveStock({
      store: staff.app.store,
      key: 'ui-stock',
      ref: { type: 'seed', id: 'seed' },
      warehouse,
      lines: [{ product: lens, qty: 500 }],
    });
    const created = await call('POST', '/api/documents/sales_order', {
      data: {
        customer,
        warehouse,
        orderDate: '2026-11-01',
        lines: [{ product: lens, qty: 3, unit: '盒', price: 210 }],
      },
    });
    order = await call('POST', `/api/documents/sales_order/${created.id}/transitions/submit`, {
      version: created.version,
    });
    const product = await call('GET', `/api/documents/product/${lens}`);
    await call('PATCH', `/api/documents/product/${lens}`, { data: { price: 22 }, version: product.version });
  });

  afterAll(async () => {
    await staff?.close();
  });

  async function open(context: TestContext, width: number, hash: string, locale = 'zh-CN'): Promise<Page> {
    const page = await testPage(staff, context, { width, height: 900, locale });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#${hash}`);
    return page;
  }

  it('orders again from a past order and shows the old price beside today’s', async (context) => {
    const page = await open(context, 1366, `/t/sales_order/${order.id}`);
    await page.getByRole('button', { name: '再来一单' }).click();
    const notice = page.getByRole('alert').filter({ hasText: `从 ${order.number} 复制为新草稿` });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('第 1 行：3 盒，原价 210.00 → 现价 220.00');
    expect(new URL(page.url()).hash).not.toContain(order.id);
    await page.locator('.doc-state').getByText('新建').waitFor();
    await staff.screenshot(page, 'order-again-1366-zh');
  });

  it('keeps an order as a template and offers it on a new order, on a phone in English', async (context) => {
    const page = await open(context, 390, `/t/sales_order/${order.id}`, 'en');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('button', { name: 'Save as template' }).click();
    await page.getByLabel('Template name').fill('Monthly lenses');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as an order template').waitFor();
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await pickRef(page, 'Order template', 'Monthly', 'Monthly lenses · 厦门眼镜城');
    await staff.screenshot(page, 'from-template-390-en');
    await page.getByRole('button', { name: 'Order from template' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'as a new draft at today’s prices' });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('Line 1: 3 盒, was — → now 220.00');
  });

  it('opens the customer 360 from the customer, at 1366 and 390 px, in zh-CN and en', async (context) => {
    const page = await open(context, 1366, `/t/customer/${customer}`);
    await page.getByRole('button', { name: '客户 360' }).click();
    for (const locale of ['zh-CN', 'en'] as const) {
      const en = locale === 'en';
      if (en) await page.getByRole('button', { name: /English/ }).click();
      await page.getByRole('heading', { name: `${en ? 'Customer 360' : '客户 360'} · 厦门眼镜城` }).waitFor();
      const top = page.locator('.c360-top');
      await top.getByRole('link', { name: 'LENS-1 防蓝光镜片' }).waitFor();
      await expect(top.getByRole('row').nth(1).textContent()).resolves.toContain('30 片');
      await page.locator('.c360-sales_order').getByRole('link', { name: order.number }).waitFor();
      await page
        .locator('.c360-sales_order')
        .getByText(en ? 'Approved' : '已审核')
        .first()
        .waitFor();
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await staff.screenshot(page, `customer-360-${width}-${locale}`);
      }
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });
});
