// The users screen's refusal names the bad field by its label in the UI's language
// (「密码」至少 10 个字符 / Password: must be …), not by its path (/password) —
// at 1366 and 390 px in zh-CN and en, with screenshots.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TEST_ADMIN } from '../support/app';
import { chromiumAvailable, signIn, startStaffApp, testPage, SCREENS, type StaffApp } from './staff-app-harness';

describe.runIf(chromiumAvailable())('users screen: a refused user', () => {
  let staff: StaffApp;

  beforeAll(async () => {
    staff = await startStaffApp();
  });

  afterAll(async () => {
    await staff?.close();
  });

  for (const [width, locale] of SCREENS) {
    it(`names the password field by its label at ${width} px in ${locale}`, async (context) => {
      const en = locale === 'en';
      const page = await testPage(staff, context, { width, height: 900, chosenLocale: locale });
      await signIn(page, staff.baseUrl, TEST_ADMIN);
      await page.goto(`${staff.baseUrl}/app/#/admin/users`);
      await page.getByRole('button', { name: en ? 'New user' : '新建用户' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(en ? 'User name' : '用户名').fill('short.pw');
      await dialog.getByLabel(en ? 'Password' : '密码').fill('Ab3$xyz9');
      await dialog.getByRole('button', { name: en ? 'Save' : /保\s?存/ }).click();
      const reason = en ? 'Password: must be at least 10 characters long' : '「密码」至少 10 个字符';
      await dialog.getByRole('alert').filter({ hasText: reason }).waitFor();
      await staff.screenshot(page, `users-refused-${width}-${locale}`);
    });
  }
});
