// The staff app in a real browser: the built-in sales_order definition is usable
// through its generated form alone — create, see the number and computed total,
// submit, list, and see server messages where they belong.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';
import { fillDate, pickRef, text } from './ui';

describe.runIf(chromiumAvailable())('staff app: generated sales order form', () => {
  let staff: StaffApp;
  let token: string;
  const ids = { customer: '', strictCustomer: '', warehouse: '', product: '' };

  beforeAll(async () => {
    staff = await startStaffApp();
    token = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    ids.customer = await seed(staff.app, token, 'customer', { code: 'C001', name: '华东贸易' });
    ids.strictCustomer = await seed(staff.app, token, 'customer', { code: 'C002', name: '西湖眼镜', creditLimit: 10 });
    // Negative stock allowed, so submitting (which reserves stock) needs no goods receipt first.
    ids.warehouse = await seed(staff.app, token, 'warehouse', { code: 'W01', name: '主仓', allowNegative: true });
    ids.product = await seed(staff.app, token, 'product', { sku: 'P001', name: '镜框', unit: '个', price: 20 });
  });

  afterAll(async () => {
    await staff?.close();
  });

  /** A fresh browser context (empty sessionStorage), signed in through the login screen. */
  async function signedInPage(context: TestContext): Promise<Page> {
    const page = await testPage(staff, context, { width: 390, height: 844 });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    return page;
  }

  async function fillOrderHeader(page: Page, customer = 'C001 华东贸易'): Promise<void> {
    await pickRef(page, '#root_customer', customer.split(' ')[0], customer);
    await pickRef(page, '#root_warehouse', 'W01', 'W01 主仓');
    await fillDate(page, '#root_orderDate', '2026-11-20');
  }

  async function fillLine(page: Page, line: { qty: string; price: string }): Promise<void> {
    await pickRef(page, '#root_lines_0_product', 'P001', 'P001 镜框');
    await page.fill('#root_lines_0_qty', line.qty);
    await page.fill('#root_lines_0_price', line.price);
  }

  it('serves the app at /app/ with its own CSP, and redirects / there', async () => {
    const root = await fetch(`${staff.baseUrl}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
    const bare = await fetch(`${staff.baseUrl}/app`, { redirect: 'manual' });
    expect(bare.headers.get('location')).toBe('/app/');
    const index = await fetch(`${staff.baseUrl}/app/`);
    expect(index.status).toBe(200);
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(await index.text()).not.toMatch(/<script>(?!<\/script>)/);
    // The API keeps helmet's stricter default.
    const health = await fetch(`${staff.baseUrl}/health`);
    expect(health.headers.get('content-security-policy')).not.toContain('unsafe-eval');
  });

  it('creates a sales order from the generated form, then submits it to 已审核', async (context) => {
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order`);
    await page.getByRole('button', { name: '新建' }).click();
    await fillOrderHeader(page);
    await fillLine(page, { qty: '3', price: '12.5' });
    await page.getByRole('button', { name: '保存' }).click();

    await page.locator('.doc-number').waitFor();
    expect(await text(page, '.doc-number')).toMatch(/^SO-\d{8}-0001$/);
    expect(await text(page, '.doc-total')).toBe('37.50');
    expect(await text(page, '.doc-state')).toBe('新建');
    // The computed line amount is shown read-only in the saved document, as money.
    expect(await page.inputValue('#root_lines_0_amount')).toBe('37.50');
    expect(await page.locator('#root_lines_0_amount').isEditable()).toBe(false);

    await page.click('button[data-transition=submit]');
    await page.locator('.doc-state .state-badge[data-state=approved]').waitFor();
    expect(await text(page, '.doc-state')).toBe('已审核');
    await page.locator('.timeline [data-seq="2"]').waitFor();
    expect(await page.locator('.timeline [data-seq]').count()).toBe(2);
    expect(staff.consoleErrors.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
  });

  it('shows 必须 > 0 next to a zero quantity and creates nothing', async (context) => {
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await fillOrderHeader(page);
    await fillLine(page, { qty: '0', price: '10' });
    await page.getByRole('button', { name: '保存' }).click();

    await page.locator('#root_lines_0_qty__error').waitFor();
    expect(await text(page, '#root_lines_0_qty__error')).toContain('必须 > 0');
    expect(new URL(page.url()).hash).toBe('#/t/sales_order/new');
  });

  it("shows the server's field message next to the field when the definition changed under an open form", async (context) => {
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await fillOrderHeader(page);
    await fillLine(page, { qty: '1', price: '10' });
    // An admin publishes a stricter remark while the form is open; the browser still validates with the old version.
    const auth = { authorization: `Bearer ${token}` };
    const current = (
      await staff.app.inject({ method: 'GET', url: '/api/definitions/sales_order', headers: auth })
    ).json<Record<string, unknown>>();
    const { source: _source, publishedAt: _at, publishedBy: _by, ...definition } = current;
    const schema = definition.schema as { properties: Record<string, Record<string, unknown>> };
    schema.properties.remark = { ...schema.properties.remark, maxLength: 5 };
    const published = await staff.app.inject({
      method: 'PUT',
      url: '/api/definitions/sales_order',
      headers: auth,
      payload: definition,
    });
    expect(published.statusCode).toBe(201);

    await page.fill('#root_remark', '请在周五前送到门店');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('#root_remark__error').waitFor();
    // The server's message, in the UI language: the client still validates with the old version.
    expect(await text(page, '#root_remark__error')).toMatch(/5/);
    expect(await page.locator('.form-problem').textContent()).toContain('请更正标出的字段');
  });

  it('shows the credit-limit guard message when a submit is refused', async (context) => {
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await fillOrderHeader(page, 'C002 西湖眼镜');
    await fillLine(page, { qty: '2', price: '30' });
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('button[data-transition=submit]').click();

    await page.locator('.action-error').waitFor();
    expect(await text(page, '.action-error')).toContain('超出信用额度');
    expect(await text(page, '.doc-state')).toBe('新建');
  });

  it('lists orders with their state labels and finds one by its number', async (context) => {
    const created = await staff.app.inject({
      method: 'POST',
      url: '/api/documents/sales_order',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        data: {
          customer: ids.customer,
          warehouse: ids.warehouse,
          orderDate: '2026-11-21',
          lines: [{ product: ids.product, qty: 1, price: 5 }],
        },
      },
    });
    const order = created.json<{ number: string }>();
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order`);
    await page.getByRole('searchbox', { name: '搜索' }).fill(order.number);
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');

    // On a phone the list is cards, one per document.
    await page.waitForFunction(() => document.querySelectorAll('.document-card').length === 1);
    expect(await text(page, '.document-card .card-title')).toBe(order.number);
    expect(await text(page, '.document-card [data-column=state] dd')).toBe('新建');
    await page.locator('.document-card [data-column="data.customer"]', { hasText: 'C001 华东贸易' }).waitFor();
  });

  it('switches labels to English', async (context) => {
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await page.locator('label[for=root_customer]', { hasText: '客户' }).waitFor();
    await page.getByRole('button', { name: /English/ }).click();
    await page.locator('label[for=root_customer]', { hasText: 'Customer' }).waitFor();
    expect(await text(page, 'h3')).toContain('Sales order');
  });
});
