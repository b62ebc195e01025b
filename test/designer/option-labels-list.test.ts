// The customers list shows a select field's option label in the reader's language
// ("A 级（优良）" / "A (good)"), never the stored value "A", and so does the
// customer's read-only view; screenshots of both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';

describe.runIf(chromiumAvailable())('staff app: option labels in lists', () => {
  let staff: StaffApp;

  beforeAll(async () => {
    staff = await startStaffApp();
    const admin = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    await seed(staff.app, admin, 'customer', { code: 'C0001', name: '杭州西湖茶叶店', creditLevel: 'A' });
  });

  afterAll(async () => {
    await staff?.close();
  });

  for (const [locale, label] of [
    ['zh-CN', 'A 级（优良）'],
    ['en', 'A (good)'],
  ] as const) {
    it(`shows the credit level as "${label}" in the ${locale} customers list and view`, async (context) => {
      const page = await testPage(staff, context, { chosenLocale: locale, width: 1366 });
      await signIn(page, staff.baseUrl, TEST_ADMIN);
      await page.goto(`${staff.baseUrl}/app/#/t/customer`);
      const row = page.getByRole('row', { name: /杭州西湖茶叶店/ });
      const cell = row.locator('td[data-column="data.creditLevel"]');
      await cell.waitFor();
      expect((await cell.textContent())?.trim()).toBe(label);
      await staff.screenshot(page, `customers-list-1366-${locale}`);
      // The document view's read-only select shows the same label, checked.
      await row.getByRole('link', { name: 'C0001' }).click();
      // (The view's radio group names each option by its label; the stored one is checked.)
      const option = page.getByRole('radio', { name: label, exact: true });
      await option.waitFor({ state: 'attached' });
      expect(await option.isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: 'A', exact: true }).count()).toBe(0);
      await staff.screenshot(page, `customer-view-1366-${locale}`);
    });
  }
});
