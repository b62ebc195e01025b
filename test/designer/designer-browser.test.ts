// The designer in Debian's Chromium against a real engine: a built-in definition
// round-trips unchanged; an admin adds a required field by drag and drop and a clerk's
// form requires it; an admin adds a director level visually and orders wait for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startStaffApp, testPage, SCREENS, type StaffApp } from './staff-app-harness';
import { Actions, call, makeWorld, openDesigner, publishFromTab, type World } from './designer-harness';

const STAMP = ['version', 'source', 'publishedAt', 'publishedBy'];
const unstamped = (d: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(d).filter(([k]) => !STAMP.includes(k)));

describe.runIf(chromiumAvailable())('designer in the browser', () => {
  let staff: StaffApp;
  let world: World;

  beforeAll(async () => {
    staff = await startStaffApp();
    world = await makeWorld(staff);
  });

  afterAll(async () => {
    await staff?.close();
  });

  const latest = async (key: string) => (await call(staff.app, world.admin, 'GET', `/api/definitions/${key}`)).body;

  it('loads the designer chunk only on designer routes', async (context) => {
    const page = await testPage(staff, context);
    const chunks: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/designer-[^/]+\.js$/.test(r.url())) chunks.push(r.url());
    });
    await openDesigner(page, staff, { ...world.admin, token: '' }).catch(() => undefined);
    // Signing in and the home page load no designer code; opening /designer does.
    expect(chunks.length).toBe(1);
    const before = chunks.length;
    await page.goto(`${staff.baseUrl}/app/#/`);
    await page.reload();
    await page.locator('.app-header').waitFor();
    expect(chunks.length).toBe(before);
  });

  it('opens sales_order and saves it unchanged: the new version equals the previous one but for its number', async (context) => {
    const page = await testPage(staff, context);
    const actions = new Actions(page);
    const before = await latest('sales_order');
    await openDesigner(page, staff, world.admin);
    await actions.click(page.getByRole('button', { name: /打开设计 销售订单/ }));
    await page.locator('.designer-canvas [data-field="customer"]').waitFor();
    const version = await publishFromTab(page, actions);
    expect(version).toBe(before.version + 1);
    const after = await latest('sales_order');
    expect(after.version).toBe(before.version + 1);
    expect(unstamped(after)).toEqual(unstamped(before));
  });

  it('drags a required delivery address onto sales_order; the preview shows it, the new version requires it of a clerk', async (context) => {
    const page = await testPage(staff, context);
    const actions = new Actions(page);
    const before = await latest('sales_order');
    await openDesigner(page, staff, world.admin);
    await actions.click(page.getByRole('button', { name: /打开设计 销售订单/ }));
    await page.locator('.designer-canvas [data-field="customer"]').waitFor();
    await actions.drag(page.locator('.palette-item[data-kind="text"]'), page.locator('.canvas-drop'));
    await page.locator('.designer-canvas [data-field="text"]').waitFor();
    await actions.fill(page.getByLabel('标签（中文）'), '收货地址');
    await actions.fill(page.getByLabel('标签（英文）'), 'Delivery address');
    await expect.poll(() => page.getByLabel('字段标识').inputValue()).toBe('deliveryAddress');
    await actions.click(page.getByRole('switch', { name: '必填' }));
    const preview = page.getByRole('region', { name: '实时预览' });
    await preview.getByText('收货地址').first().waitFor();
    await actions.click(preview.getByText('EN', { exact: true }));
    await preview.getByText('Delivery address').first().waitFor();
    await staff.screenshot(page, 'designer-form-builder-1366-zh');
    const version = await publishFromTab(page, actions);
    expect(version).toBe(before.version + 1);
    const after = await latest('sales_order');
    expect(after.schema.required).toContain('deliveryAddress');
    expect(after.schema.properties.deliveryAddress['x-title']).toEqual({ 'zh-CN': '收货地址', en: 'Delivery address' });

    // The clerk's new order form now asks for it: saving it empty marks the field.
    const clerkPage = await testPage(staff, context);
    await openDesignerAsStaff(clerkPage);
    await clerkPage.goto(`${staff.baseUrl}/app/#/t/sales_order/new`);
    await clerkPage.getByText('收货地址').first().waitFor();
    await clerkPage.getByRole('button', { name: /保\s?存/ }).click();
    await staff.screenshot(clerkPage, 'designer-clerk-requires-address');
    await clerkPage.locator('#root_deliveryAddress__error').first().waitFor();
    const created = await call(staff.app, world.clerk, 'POST', '/api/documents/sales_order', {
      data: {
        customer: world.customer,
        warehouse: world.warehouse,
        orderDate: '2026-12-01',
        lines: [{ product: world.product, qty: 1, price: 100 }],
      },
    });
    expect(created.status).toBe(422);
    expect(JSON.stringify(created.body.errors)).toContain('deliveryAddress');
    async function openDesignerAsStaff(p: typeof clerkPage) {
      const { signIn } = await import('./staff-app-harness');
      await signIn(p, staff.baseUrl, world.clerk);
    }
  });

  it('adds a director level for totals ≥ 500000 visually; no gap, try-it needs three levels, an order waits for the director after finance', async (context) => {
    const page = await testPage(staff, context);
    const actions = new Actions(page);
    const before = await latest('sales_order');
    await openDesigner(page, staff, world.admin);
    await actions.click(page.getByRole('button', { name: /打开设计 销售订单/ }));
    await actions.click(page.getByRole('tab', { name: '审批' }));
    await actions.click(page.getByRole('button', { name: '添加审批级别' }));
    const card = page.locator('.level-card').nth(2);
    await actions.fill(card.getByLabel('级别名称（中文）'), '总监');
    await actions.fill(card.getByLabel('级别名称（英文）'), 'Director');
    await actions.fill(card.getByLabel(/^标识/), 'director');
    await actions.pick(card.getByLabel('审批人角色'), /director/);
    await actions.click(card.getByRole('button', { name: /条件$/ }).first());
    await actions.pick(card.locator('.rule-fields'), '订单总额');
    await actions.pick(card.locator('.rule-operators'), '大于等于');
    await actions.fill(card.locator('.rule-value input'), '500000');
    const line = page.locator('.number-line-card');
    await line.getByText('区间连续，没有空档').waitFor();
    await line.locator('.number-line-row').filter({ hasText: '总监' }).waitFor();
    const tryIt = page.getByRole('region', { name: '试一试' });
    await actions.fill(tryIt.getByLabel('订单总额'), '600000');
    await actions.click(tryIt.getByRole('button', { name: '计算需要的审批' }));
    await tryIt.getByText('需要审批：销售经理审批 → 财务经理审批 → 总监').waitFor();
    await staff.screenshot(page, 'designer-approvals-1366-zh');
    expect(await publishFromTab(page, actions)).toBe(before.version + 1);
    const published = await latest('sales_order');
    const levels = published.transitions[0].approval.levels;
    expect(levels[2]).toMatchObject({
      key: 'director',
      approvers: { roles: ['director'] },
      mode: 'any',
      when: { '>=': [{ var: 'data.total' }, 500000] },
    });

    // A clerk's 600,000 order: manager, then finance approve; it then waits for the director.
    const data = {
      customer: world.customer,
      warehouse: world.warehouse,
      orderDate: '2026-12-01',
      lines: [{ product: world.product, qty: 6000, price: 100 }],
    };
    // The delivery address test (above) made it required.
    if (published.schema.properties.deliveryAddress) Object.assign(data, { deliveryAddress: '上海市浦东新区' });
    const created = await call(staff.app, world.clerk, 'POST', '/api/documents/sales_order', { data });
    expect(created.status).toBe(201);
    const submitted = await call(
      staff.app,
      world.clerk,
      'POST',
      `/api/documents/sales_order/${created.body.id}/transitions/submit`,
      { version: created.body.version },
    );
    expect(submitted.body.approval.levels).toEqual(['manager', 'finance', 'director']);
    expect(
      (await call(staff.app, world.manager, 'POST', `/api/documents/sales_order/${created.body.id}/approve`, {}))
        .status,
    ).toBe(200);
    const afterFinance = await call(
      staff.app,
      world.finance,
      'POST',
      `/api/documents/sales_order/${created.body.id}/approve`,
      {},
    );
    expect(afterFinance.body.state).toBe('pending_review');
    expect(afterFinance.body.approval.levels[afterFinance.body.approval.current]).toBe('director');
    const inbox = await call(staff.app, world.director, 'GET', '/api/approvals/inbox');
    expect(JSON.stringify(inbox.body)).toContain(created.body.id);
  });

  for (const [width, locale] of SCREENS) {
    it(`shows the list, the workflow diagram and the print preview at ${width} px in ${locale}`, async (context) => {
      const page = await testPage(staff, context, { width, height: 900, chosenLocale: locale });
      await openDesigner(page, staff, world.admin);
      await page.locator('.designer-list .ant-table-row').first().waitFor();
      await staff.screenshot(page, `designer-list-${width}-${locale}`);
      await page.getByRole('button', { name: locale === 'en' ? /^Open Sales order/ : /打开设计 销售订单/ }).click();
      await page.getByRole('tab', { name: locale === 'en' ? 'Workflow' : '流程' }).click();
      await page.locator('.react-flow__node').first().waitFor();
      expect(await page.locator('.react-flow__node').count()).toBe(7);
      await staff.screenshot(page, `designer-workflow-${width}-${locale}`);
      await page.getByRole('tab', { name: locale === 'en' ? 'Print' : '打印模板', exact: true }).click();
      const frame = page.frameLocator('iframe.print-preview-frame');
      await frame.locator('h1').waitFor();
      await staff.screenshot(page, `designer-print-${width}-${locale}`);
      await page.getByRole('tab', { name: locale === 'en' ? 'Form' : '表单' }).click();
      await page.locator('.designer-canvas [data-field="customer"]').waitFor();
      await staff.screenshot(page, `designer-form-${width}-${locale}`);
    });
  }
});
