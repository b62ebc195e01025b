// The staff app's other pages against a real engine, one engine and browser for
// the file: a stale edit answered 409 offers a reload showing what changed; a
// change request on an approved order; the approval explained in plain words;
// the print view and its PDF; TOTP
// enrolment; an admin creating and disabling a user; a delegation; the dashboard.
import { readFile } from 'node:fs/promises';
import { Secret, TOTP } from 'otpauth';
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';
import { pickOption } from './ui';

const CLERK = { username: 'xiaowang', password: 'Clerk-Pass-2026-shop', roles: ['sales_clerk'] };
const MANAGER = { username: 'laoli', password: 'Manager-Pass-2026-shop', roles: ['sales_manager'] };
// Approvals go only to someone who could hold the level: another sales manager.
const DEPUTY = { username: 'laozhang', password: 'Deputy-Pass-2026-shop', roles: ['sales_manager'] };

describe.runIf(chromiumAvailable())('staff app: edits, prints, account and admin pages', () => {
  let staff: StaffApp;
  let admin = '';
  const ids = { draft: '', approved: '', approvedNumber: '' };
  // When the orders are made: they are dated that day (see the dashboard test).
  const seededAt = new Date();

  const call = async (method: 'POST' | 'PATCH', url: string, payload: object, token = admin) => {
    const res = await staff.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; number: string; version: number; state: string }>();
  };

  beforeAll(async () => {
    staff = await startStaffApp();
    admin = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    await createUser(staff.app, admin, CLERK);
    await createUser(staff.app, admin, MANAGER);
    await createUser(staff.app, admin, DEPUTY);
    const customer = await seed(staff.app, admin, 'customer', { code: 'C0001', name: '杭州西湖茶叶店' });
    const warehouse = await seed(staff.app, admin, 'warehouse', { code: 'W01', name: '主仓', allowNegative: true });
    const product = await seed(staff.app, admin, 'product', { sku: 'P001', name: '龙井茶', unit: '盒', price: 5000 });
    const today = dayjs(seededAt).format('YYYY-MM-DD');
    ids.draft = await seed(staff.app, admin, 'sales_order', {
      customer,
      warehouse,
      orderDate: today,
      lines: [{ product, qty: 1, price: 500 }],
    });
    // 2 × 5,000 needs the sales manager's approval; approved, it takes change requests.
    const big = await call('POST', '/api/documents/sales_order', {
      data: { customer, warehouse, orderDate: today, lines: [{ product, qty: 2, price: 5000 }] },
    });
    await call('POST', `/api/documents/sales_order/${big.id}/transitions/submit`, { version: big.version });
    const manager = await login(staff.app, MANAGER.username, MANAGER.password);
    const approved = await call('POST', `/api/documents/sales_order/${big.id}/approve`, { comment: '同意' }, manager);
    expect(approved.state).toBe('approved');
    ids.approved = big.id;
    ids.approvedNumber = big.number;
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('offers to reload a draft someone else saved meanwhile, naming the changed field', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/${ids.draft}`);
    await page.getByRole('button', { name: /编\s?辑/ }).click();
    await page.fill('#root_remark', '我的备注');
    await call('PATCH', `/api/documents/sales_order/${ids.draft}`, { data: { remark: '同事改过' }, version: 1 });
    await page.getByRole('button', { name: /保\s?存/ }).click();
    const dialog = page.getByRole('dialog', { name: '单据已被他人修改' });
    await dialog.getByText('修改内容: 备注').waitFor();
    await dialog.getByRole('button', { name: '重新加载' }).click();
    // The reload re-renders the form after the click returns: wait for it, don't read once.
    await expect.poll(() => page.locator('#root_remark').inputValue()).toBe('同事改过');
  });

  it('requests a change to an approved order with a reason, shown in its history', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/${ids.approved}`);
    await page.getByRole('button', { name: '申请变更' }).click();
    await page.fill('#root_remark', '改为周五送货');
    await page.getByRole('textbox', { name: '原因' }).fill('客户要求改期');
    await page.locator('.form-footer').getByRole('button', { name: '申请变更' }).click();
    await page.locator('.timeline-entry', { hasText: '客户要求改期' }).waitFor();
  });

  it('prints an order on A4 and downloads the same print as PDF', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/print/sales_order/${ids.approved}/order`);
    await page.locator('.print-sheet', { hasText: '杭州西湖茶叶店' }).waitFor();
    expect(await page.locator('.print-sheet').textContent()).toContain('10,000.00');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${ids.approvedNumber}-order.pdf`);
    expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("explains the approval in the reader's words: field labels, role names, an English list", async (context) => {
    const page = await testPage(staff, context, { locale: 'en' });
    await page.addInitScript(() => localStorage.setItem('jxc.locale', 'en'));
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/sales_order/${ids.approved}`);
    const panel = page.locator('.approval-panel');
    await panel.getByText('Order total ≥ 10000', { exact: true }).waitFor();
    const text = await panel.textContent();
    expect(text).toContain(`Approvers: Sales manager, ${MANAGER.username}`);
    expect(text).toContain('Customer · Credit level');
    expect(text).not.toMatch(/data\.|related\.|sales_manager|、/);
  });

  it('enrols a second factor: shows the key, takes a code, hands out recovery codes', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, CLERK);
    await page.goto(`${staff.baseUrl}/app/#/account/totp`);
    await page.getByRole('button', { name: '开启两步验证' }).click();
    const secret = (await page.locator('.totp-secret').innerText()).trim();
    const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
    await page.getByLabel('动态验证码').fill(code);
    await page.getByRole('button', { name: /确\s?定/ }).click();
    await page.getByText('两步验证已开启').waitFor();
    expect(await page.locator('.account-card li code').count()).toBe(10);
  });

  it('lets an admin create a user with a role and disable them', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/admin/users`);
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('cangku');
    await dialog.getByLabel('密码').fill('Keeper-Pass-2026-shop');
    await pickOption(page, dialog.getByRole('combobox', { name: '角色' }), '仓管员');
    // A multiple select stays open; a click elsewhere in the dialog closes it.
    await dialog.getByLabel('用户名').click();
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /cangku/ });
    await row.getByText('仓管员').waitFor();
    await row.getByRole('button', { name: /停\s?用/ }).click();
    await row.getByText('已停用').waitFor();
  });

  it('lets the manager hand approvals to someone while away', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, MANAGER);
    await page.goto(`${staff.baseUrl}/app/#/inbox`);
    const card = page.locator('.delegations');
    await card.getByLabel('委托给').click();
    // Only those who may decide the manager's levels are offered: the clerk is not among them.
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await options.filter({ hasText: DEPUTY.username }).waitFor();
    expect(await options.filter({ hasText: CLERK.username }).count()).toBe(0);
    await options.filter({ hasText: DEPUTY.username }).click();
    await card.getByPlaceholder('开始日期').click();
    await card.getByPlaceholder('开始日期').fill(dayjs().format('YYYY-MM-DD'));
    await card.getByPlaceholder('开始日期').press('Enter');
    await card.getByPlaceholder('结束日期').fill(dayjs().add(7, 'day').format('YYYY-MM-DD'));
    await card.getByPlaceholder('结束日期').press('Enter');
    await card.getByRole('button', { name: '添加委托' }).click();
    await card.locator('.ant-list-item', { hasText: DEPUTY.username }).waitFor();
  });

  it("shows today's sales, orders waiting and the charts on the dashboard", async (context) => {
    const page = await testPage(staff, context);
    // The dashboard's "today" is the browser's: held at the moment the orders were made
    // (dated that day), so a run that crosses midnight still finds them today.
    await page.clock.setFixedTime(seededAt);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/`);
    const sales = page.locator('.ant-statistic', { hasText: '今日销售额' });
    // Only the approved order counts; the draft does not.
    await sales.getByText('10,000.00').waitFor();
    for (const chart of ['近 14 天销售趋势', '订单状态', '热销商品（近 30 天）'])
      await page.getByRole('img', { name: chart }).waitFor();
    // The trend is the sales_trend report by day: its link opens that report over the
    // same 14 days by day (a row per day), and its row for today says what the dashboard says.
    const today = dayjs(seededAt).format('YYYY-MM-DD');
    await page.locator('.ant-card', { hasText: '近 14 天销售趋势' }).getByRole('link', { name: '查看报表' }).click();
    await page.getByRole('heading', { level: 3, name: '销售趋势' }).waitFor();
    const row = page.getByRole('table').getByRole('row', { name: new RegExp(today) });
    expect(await row.textContent()).toContain('10,000.00');
  });
});
