// The approvals tab names each approver role by its label in the UI's language
// (财务经理 / Finance manager), never by the engine's key (`finance_manager`), at
// 1366 and 390 px in zh-CN and en, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startStaffApp, testPage, SCREENS, type StaffApp } from './staff-app-harness';
import { makeWorld, openDesigner, type World } from './designer-harness';

describe.runIf(chromiumAvailable())('designer approvals: role labels', () => {
  let staff: StaffApp;
  let world: World;

  beforeAll(async () => {
    staff = await startStaffApp();
    world = await makeWorld(staff);
  });

  afterAll(async () => {
    await staff?.close();
  });

  for (const [width, locale] of SCREENS) {
    it(`shows the approver roles by their labels at ${width} px in ${locale}`, async (context) => {
      const en = locale === 'en';
      const page = await testPage(staff, context, { width, height: 900, chosenLocale: locale });
      await openDesigner(page, staff, world.admin);
      await page.getByRole('button', { name: en ? /^Open Sales order/ : /打开设计 销售订单/ }).click();
      await page.getByRole('tab', { name: en ? 'Approvals' : '审批' }).click();
      // sales_order's second level: the finance manager approves.
      const finance = page.getByRole('group', { name: /^2\. / });
      await finance.getByRole('combobox', { name: en ? 'Approver roles' : '审批人角色' }).waitFor();
      const chosen = finance.locator('.ant-select-selection-item').first();
      await expect.poll(() => chosen.innerText(), { timeout: 15_000 }).toBe(en ? 'Finance manager' : '财务经理');
      const manager = page.getByRole('group', { name: /^1\. / }).locator('.ant-select-selection-item').first();
      await expect.poll(() => manager.innerText(), { timeout: 15_000 }).toBe(en ? 'Sales manager' : '销售经理');
      await staff.screenshot(page, `designer-approvals-${width}-${locale}`);
    });
  }
});
