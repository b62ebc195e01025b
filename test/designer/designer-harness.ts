// Set-up for the designer's browser tests: the staff app harness (real engine, real
// Chromium), users for each role, master data, and small helpers to drive the designer.
import type { FastifyInstance } from 'fastify';
import type { Locator, Page } from 'playwright-core';
import { createUser, login, TEST_ADMIN } from '../support/app';
import { seed, signIn, type StaffApp } from './staff-app-harness';
import { pickOption } from './ui';

export interface Actor {
  username: string;
  password: string;
  token: string;
}

export interface World {
  admin: Actor;
  clerk: Actor;
  manager: Actor;
  finance: Actor;
  director: Actor;
  customer: string;
  warehouse: string;
  product: string;
}

export async function call(
  app: FastifyInstance,
  who: Actor,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
) {
  const res = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${who.token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  // Tests read deep into answers (body.schema.properties…); a loose type keeps them readable.

  const body: Record<string, any> = res.body ? res.json() : {};
  return { status: res.statusCode, body };
}

export async function makeWorld(staff: StaffApp): Promise<World> {
  const app = staff.app;
  const adminToken = await login(app, TEST_ADMIN.username, TEST_ADMIN.password);
  const admin = { ...TEST_ADMIN, token: adminToken };
  await call(app, admin, 'POST', '/api/roles', { key: 'director', label: { 'zh-CN': '总监', en: 'Director' } });
  const user = async (username: string, roles: string[]): Promise<Actor> => {
    const password = `Tq9-${username.length}-Wx7#Lm2026`;
    await createUser(app, adminToken, { username, password, roles });
    return { username, password, token: await login(app, username, password) };
  };
  const clerk = await user('clerk.one', ['sales_clerk']);
  const manager = await user('manager.one', ['sales_manager']);
  const finance = await user('finance.one', ['finance_manager']);
  const director = await user('director.one', ['director']);
  const customer = await seed(app, adminToken, 'customer', {
    code: 'C001',
    name: '上海明亮眼镜有限公司',
    creditLevel: 'A',
    creditLimit: 100_000_000,
  });
  const warehouse = await seed(app, adminToken, 'warehouse', { code: 'W01', name: '上海总仓' });
  const product = await seed(app, adminToken, 'product', { sku: 'FR-001', name: '钛合金镜架', unit: '副', price: 100 });
  return { admin, clerk, manager, finance, director, customer, warehouse, product };
}

/** Counts what a person would do: clicks, fields filled, options picked, drags. */
export class Actions {
  count = 0;
  constructor(private readonly page: Page) {}
  async click(locator: Locator) {
    this.count += 1;
    await locator.click();
  }
  async fill(locator: Locator, value: string) {
    this.count += 1;
    await locator.fill(value);
  }
  /**
   * Opens an antd Select and picks the option with this text (checked, and picked again
   * if the click missed: ui.ts pickOption): two actions. A person who sees a pick not
   * take picks again too, so a retry counts once.
   */
  async pick(select: Locator, option: string | RegExp) {
    this.count += 2;
    await pickOption(this.page, select, option);
  }
  /** A pointer drag from one element onto another, in small steps as a hand moves (dnd-kit needs the moves). */
  async drag(from: Locator, to: Locator) {
    this.count += 1;
    // dnd-kit reads the pointer on animation frames: on busy cores a move can still be
    // unread when the button comes up, and the item drops short of the target. So the
    // boxes are measured once the page has painted, and the pointer rests on the
    // target (a second, small move there) for two painted frames before the drop.
    await this.frames();
    const a = await from.boundingBox();
    if (!a) throw new Error('drag: element not visible');
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 6, { steps: 4 });
    await this.frames();
    const b = await to.boundingBox();
    if (!b) throw new Error('drag: target not visible');
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height - 8, { steps: 12 });
    await this.frames();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height - 9);
    await this.frames();
    await this.page.mouse.up();
  }

  /** Two painted frames: what the page does on the next frame has been done. */
  private async frames() {
    await this.page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
  }
}

export async function openDesigner(
  page: Page,
  staff: StaffApp,
  who: Actor = { ...TEST_ADMIN, token: '' },
): Promise<void> {
  await signIn(page, staff.baseUrl, who);
  await page.goto(`${staff.baseUrl}/app/#/designer`);
  await page.locator('.designer-list').waitFor();
}

/** Publishes from the Publish tab (confirming warnings) and returns the version shown. */
export async function publishFromTab(page: Page, actions: Actions): Promise<number> {
  await actions.click(page.getByRole('tab', { name: /发布|Publish/ }));
  const button = page.getByRole('button', { name: /发布为第 \d+ 版|Publish as version \d+/ });
  await button.and(page.locator(':not([disabled])')).waitFor();
  const version = Number(/\d+/.exec((await button.textContent()) ?? '')?.[0]);
  await actions.click(button);
  const confirm = page.locator('.ant-modal-confirm .ant-btn-primary');
  const done = page.getByText(new RegExp(`已发布第 ${version} 版|Published version ${version}`));
  await confirm.or(done).first().waitFor();
  if (await confirm.isVisible()) await actions.click(confirm);
  await done.waitFor();
  return version;
}

/**
 * Opens a tab of the definition editor by its name. On a phone the tab bar may not
 * hold every tab (how many fit depends on the language and the fonts), and antd
 * moves the rest into its "more" menu: pick it there then.
 */
export async function openTab(page: Page, name: string): Promise<void> {
  // The tab bar sits at the top of the editor; a scrolled page can hide it under the sticky app header.
  await page.evaluate(() => window.scrollTo(0, 0));
  const tab = page.getByRole('tab', { name, exact: true });
  const nav = page.locator('.ant-tabs-nav-wrap').first();
  const [box, bar] = [await tab.boundingBox(), await nav.boundingBox()];
  if (box && bar && box.x >= bar.x - 1 && box.x + box.width <= bar.x + bar.width + 1) {
    await tab.click();
    return;
  }
  await page.locator('.ant-tabs-nav-more').first().click();
  await page.getByRole('option', { name, exact: true }).click();
  await page.locator('.ant-tabs-tab-active', { hasText: name }).waitFor();
}
