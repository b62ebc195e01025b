// The staff app's generated form lays out a definition the way the designer's
// preview does: sections under their titles, a field's own width on the grid (the
// whole row on a phone), and a field shown only once its rule holds for the data.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const text = (zh: string, en: string, extra: Record<string, unknown> = {}) => ({
  type: 'string',
  title: zh,
  'x-title': label(zh, en),
  maxLength: 100,
  ...extra,
});

/** A small type as the designer would publish it: two sections, a half-width phone, an address shown once a phone is given. */
const serviceVisit = {
  key: 'service_visit',
  title: label('上门服务', 'Service visit'),
  category: 'master',
  schema: {
    type: 'object',
    properties: {
      customerName: text('客户名称', 'Customer name', { minLength: 1 }),
      phone: text('联系电话', 'Phone'),
      address: text('上门地址', 'Visit address'),
      topic: text('服务内容', 'What to do'),
    },
    required: ['customerName'],
  },
  uiSchema: {
    'ui:sections': [
      {
        key: 'customer',
        title: label('客户信息', 'Customer'),
        columns: 1,
        fields: ['customerName', 'phone', 'address'],
      },
      { key: 'service', title: label('服务安排', 'Service'), columns: 2, fields: ['topic'] },
    ],
    phone: { 'ui:options': { span: 12 } },
    address: { 'ui:options': { visibleWhen: { '!!': [{ var: 'data.phone' }] } } },
  },
  states: [
    { key: 'open', label: label('待上门', 'Open'), color: 'blue', editable: true, terminal: false },
    { key: 'done', label: label('已完成', 'Done'), color: 'green', editable: false, terminal: true },
  ],
  initialState: 'open',
  transitions: [{ key: 'finish', from: ['open'], to: 'done', label: label('完成', 'Finish'), roles: ['admin'] }],
  permissions: { admin: { create: true, read: true, update: true, transitions: ['finish'] } },
  listColumns: ['data.customerName', 'state'],
  searchFields: ['data.customerName'],
};

describe.runIf(chromiumAvailable())('staff app: a designed form layout', () => {
  let staff: StaffApp;

  beforeAll(async () => {
    staff = await startStaffApp();
    const token = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const published = await staff.app.inject({
      method: 'PUT',
      url: '/api/definitions/service_visit',
      headers: { authorization: `Bearer ${token}` },
      payload: serviceVisit,
    });
    if (published.statusCode !== 201) throw new Error(`publishing failed: ${published.statusCode} ${published.body}`);
  });

  afterAll(async () => {
    await staff?.close();
  });

  async function newVisit(context: TestContext, width: number): Promise<Page> {
    const page = await testPage(staff, context, { width, height: 900 });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/service_visit/new`);
    await page.getByRole('heading', { name: '客户信息' }).waitFor();
    return page;
  }

  const widthOf = async (page: Page, name: string): Promise<number> =>
    (await page.getByLabel(name, { exact: true }).boundingBox())?.width ?? 0;

  it('shows the sections under their titles, the address once a phone is given, and saves', async (context) => {
    const page = await newVisit(context, 1366);
    const customer = page.getByRole('region', { name: '客户信息' });
    await page.getByRole('heading', { name: '服务安排' }).waitFor();
    await customer.getByLabel('客户名称').waitFor();
    await page.getByRole('region', { name: '服务安排' }).getByLabel('服务内容').waitFor();
    // The phone takes half of the row its section gives a field.
    expect((await widthOf(page, '联系电话')) / (await widthOf(page, '客户名称'))).toBeLessThan(0.6);
    await expect(page.getByLabel('上门地址').count()).resolves.toBe(0);

    await page.getByLabel('客户名称').fill('西湖眼镜');
    await page.getByLabel('联系电话').fill('13800000000');
    await customer.getByLabel('上门地址').fill('杭州市西湖区文三路 1 号');
    await page.getByLabel('服务内容').fill('调试验光仪');
    await staff.screenshot(page, 'generated-form-layout-1366-zh');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.doc-number, .doc-state').first().waitFor();
    expect(new URL(page.url()).hash).not.toBe('#/t/service_visit/new');
    await expect.poll(() => page.getByLabel('上门地址').inputValue()).toBe('杭州市西湖区文三路 1 号');
  });

  it('gives every field the whole row on a phone, with section titles in the UI language', async (context) => {
    const page = await newVisit(context, 390);
    await page.getByLabel('联系电话').fill('13800000000');
    await page.getByLabel('上门地址').waitFor();
    const full = await widthOf(page, '客户名称');
    expect(Math.abs((await widthOf(page, '联系电话')) - full)).toBeLessThan(2);
    await staff.screenshot(page, 'generated-form-layout-390-zh');
    // Section titles follow the UI language.
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Customer' }).waitFor();
    await page.getByRole('region', { name: 'Service' }).getByLabel('What to do').waitFor();
    await staff.screenshot(page, 'generated-form-layout-390-en');
  });
});
