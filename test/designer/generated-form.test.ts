// The staff app in a real browser: the built-in sales_order definition is usable
// through its generated form alone — create, see the number and computed total,
// submit, list, and see server messages where they belong.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { underCi } from '../support/services';
import { CHROMIUM, chromiumInstalled, seed, startStaffApp, type StaffApp } from './staff-app-harness';

function chromiumAvailable(): boolean {
  if (chromiumInstalled()) return true;
  if (underCi()) throw new Error(`Chromium is required under CI=true but ${CHROMIUM} is missing`);
  console.warn(`[skip] ${CHROMIUM} is missing; the staff app browser tests are skipped (apt-get install chromium)`);
  return false;
}

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
    const page = await staff.newPage();
    context.onTestFinished(async () => {
      if (context.task.result?.state === 'fail') {
        console.warn(`[staff app] screenshot of the failure: ${await staff.screenshot(page, context.task.name)}`);
      }
      await page.context().close();
    });
    await page.goto(`${staff.baseUrl}/`);
    await page.fill('input[name=username]', TEST_ADMIN.username);
    await page.fill('input[name=password]', TEST_ADMIN.password);
    await page.click('button[type=submit]');
    await page.locator('a[data-type=sales_order]').waitFor();
    return page;
  }

  async function fillOrderHeader(page: Page, customer = 'C001 华东贸易'): Promise<void> {
    await page.locator('#root_customer option', { hasText: customer }).waitFor({ state: 'attached' });
    await page.selectOption('#root_customer', { label: customer });
    await page.selectOption('#root_warehouse', { label: 'W01 主仓' });
    await page.fill('#root_orderDate', '2026-11-20');
  }

  async function fillLine(page: Page, line: { qty: string; price: string }): Promise<void> {
    await page.locator('#root_lines_0_product option', { hasText: 'P001 镜框' }).waitFor({ state: 'attached' });
    await page.selectOption('#root_lines_0_product', { label: 'P001 镜框' });
    await page.fill('#root_lines_0_qty', line.qty);
    await page.fill('#root_lines_0_price', line.price);
  }

  const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim();

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
    await page.click('a[data-type=sales_order]');
    await page.click('a.btn.primary[href$="/new"]');
    await fillOrderHeader(page);
    await fillLine(page, { qty: '3', price: '12.5' });
    await page.click('button[type=submit]');

    await page.locator('.doc-number').waitFor();
    expect(await text(page, '.doc-number')).toMatch(/^SO-\d{8}-0001$/);
    expect(await text(page, '.doc-total')).toBe('37.50');
    expect(await text(page, '.doc-state')).toBe('新建');
    // The computed line amount is shown read-only in the saved document.
    expect(await page.inputValue('#root_lines_0_amount')).toBe('37.5');
    expect(await page.locator('#root_lines_0_amount').getAttribute('readonly')).not.toBeNull();

    await page.click('button[data-transition=submit]');
    await page.locator('.doc-state .state-badge[data-state=approved]').waitFor();
    expect(await text(page, '.doc-state')).toBe('已审核');
    await page.locator('.timeline li[data-seq="2"]').waitFor();
    expect(await page.locator('.timeline li').count()).toBe(2);
    expect(staff.consoleErrors.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
  });

  it('shows 必须 > 0 next to a zero quantity and creates nothing', async (context) => {
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await fillOrderHeader(page);
    await fillLine(page, { qty: '0', price: '10' });
    await page.click('button[type=submit]');

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
    const current = (await staff.app.inject({ method: 'GET', url: '/api/definitions/sales_order', headers: auth })).json() as Record<string, unknown>;
    const { source: _source, publishedAt: _at, publishedBy: _by, ...definition } = current;
    const schema = definition.schema as { properties: Record<string, Record<string, unknown>> };
    schema.properties.remark = { ...schema.properties.remark, maxLength: 5 };
    const published = await staff.app.inject({ method: 'PUT', url: '/api/definitions/sales_order', headers: auth, payload: definition });
    expect(published.statusCode).toBe(201);

    await page.fill('#root_remark', '请在周五前送到门店');
    await page.click('button[type=submit]');
    await page.locator('#root_remark__error').waitFor();
    // English text: the client (in zh-CN) never writes any, so this is the server's message.
    expect(await text(page, '#root_remark__error')).toContain('at most 5 characters');
    expect(await page.locator('.alert.error').textContent()).toContain('remark');
  });

  it('shows the credit-limit guard message when a submit is refused', async (context) => {
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await fillOrderHeader(page, 'C002 西湖眼镜');
    await fillLine(page, { qty: '2', price: '30' });
    await page.click('button[type=submit]');
    await page.locator('button[data-transition=submit]').click();

    await page.locator('.transitions .alert.error').waitFor();
    expect(await text(page, '.transitions .alert.error')).toContain('超出信用额度');
    expect(await text(page, '.doc-state')).toBe('新建');
  });

  it('lists orders with their state labels and finds one by its number', async (context) => {
    const created = await staff.app.inject({
      method: 'POST',
      url: '/api/documents/sales_order',
      headers: { authorization: `Bearer ${token}` },
      payload: { data: { customer: ids.customer, warehouse: ids.warehouse, orderDate: '2026-11-21', lines: [{ product: ids.product, qty: 1, price: 5 }] } },
    });
    const order = created.json() as { number: string };
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order`);
    await page.fill('input[name=q]', order.number);
    await page.click('form.filters button[type=submit]');

    await page.locator('table.documents tbody tr').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table.documents tbody tr').length === 1);
    expect(await text(page, 'td[data-column=number]')).toBe(order.number);
    expect(await text(page, 'td[data-column=state]')).toBe('新建');
    await page.locator('td[data-column="data.customer"]', { hasText: 'C001 华东贸易' }).waitFor();
  });

  it('switches labels to English', async (context) => {
    const page = await signedInPage(context);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await page.locator('label[for=root_customer]', { hasText: '客户' }).waitFor();
    await page.click('button:has-text("English")');
    await page.locator('label[for=root_customer]', { hasText: 'Customer' }).waitFor();
    expect(await text(page, 'h1')).toContain('Sales order');
  });
});
