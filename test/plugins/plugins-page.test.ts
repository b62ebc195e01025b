// The admin's plugins page in the browser: install a packed template, see what
// it published, be told why an uninstall is refused, archive it instead — and
// the page reads right at 1366 and 390 px in zh-CN and en.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import {
  chromiumAvailable,
  seed,
  signIn,
  startStaffApp,
  testPage,
  SCREENS,
  type StaffApp,
} from '../designer/staff-app-harness';
import { archiveOf, FIXTURES } from './support';

describe.runIf(chromiumAvailable())('staff app: the plugins page', () => {
  let staff: StaffApp;
  let archive: string;

  beforeAll(async () => {
    staff = await startStaffApp();
    archive = path.join(staff.app.engine.config.dataDir, 'laundry-1.0.0.tgz');
    await writeFile(archive, await archiveOf(`${FIXTURES}/laundry`));
  });
  afterAll(async () => staff?.close());

  const open = async (page: Page) => {
    await page.goto(`${staff.baseUrl}/app/#/admin/plugins`);
    await page.locator('.plugins-screen').waitFor();
  };

  it('installs a packed plugin from the page and lists its definitions', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await open(page);
    await page.getByText('尚未安装插件').waitFor();
    await page.locator('.screen-head input[type=file]').setInputFiles(archive);
    await page.getByText('laundry@1.0.0').waitFor();
    expect(await page.getByText('laundry_ticket@1').count()).toBe(1);
    expect(await page.getByText('已启用').count()).toBe(1);
  });

  it('says why an uninstall is refused, then archives the plugin keeping its documents', async (context) => {
    const token = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const service = await seed(staff.app, token, 'laundry_service', { code: 'WASH', name: '水洗', price: 20 });
    await seed(staff.app, token, 'laundry_ticket', { service, pieces: 2, customerName: '张三' });
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await open(page);
    await page.getByRole('button', { name: '卸载 laundry', exact: true }).click();
    await page.getByRole('button', { name: /确\s?定|OK/ }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText('/documents/laundry_ticket').waitFor();
    await page.getByRole('button', { name: '归档卸载 laundry', exact: true }).click();
    await page
      .getByRole('button', { name: /确\s?定|OK/ })
      .last()
      .click();
    await page.getByText('已归档（单据只读）').waitFor();
    await page.goto(`${staff.baseUrl}/app/#/t/laundry_ticket`);
    await page.getByText('张三').first().waitFor();
    // Read-only: the list offers no way to add one.
    expect(await page.getByRole('button', { name: /新\s?建/ }).count()).toBe(0);
  });

  for (const [width, locale] of SCREENS) {
    it(`reads right at ${width} px in ${locale}`, async (context) => {
      const page = await testPage(staff, context, { width, height: 800, chosenLocale: locale });
      await signIn(page, staff.baseUrl, TEST_ADMIN);
      await open(page);
      await page.getByText('laundry@1.0.0').waitFor();
      const title = locale === 'en' ? 'Industry templates (plugins)' : '行业模板（插件）';
      expect(await page.getByRole('heading', { name: title }).count()).toBe(1);
      const install = locale === 'en' ? 'Install plugin' : '安装插件';
      expect(await page.getByRole('button', { name: install }).count()).toBe(1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow).toBe(false);
    });
  }
});
