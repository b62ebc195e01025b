import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromiumAvailable, startStaffApp, testPage, type StaffApp } from './staff-app-harness';
import { Actions, makeWorld, openDesigner, type World } from './designer-harness';

describe.runIf(chromiumAvailable())('rule builder shots', () => {
  let staff: StaffApp;
  let world: World;
  beforeAll(async () => {
    staff = await startStaffApp();
    world = await makeWorld(staff);
  });
  afterAll(async () => {
    await staff?.close();
  });
  for (const locale of ['en', 'zh-CN'])
    for (const width of [1366, 390])
      it(`shot ${width} ${locale}`, async (context) => {
        const page = await testPage(staff, context, { width, locale, height: 900 });
        const actions = new Actions(page);
        await openDesigner(page, staff, world.admin);
        await actions.click(page.getByRole('button', { name: /(打开设计|Open) (销售订单|Sales order)/ }));
        await actions.click(page.getByRole('tab', { name: /^(审批|Approvals)$/ }));
        await actions.click(page.getByRole('button', { name: /添加审批级别|Add level/ }));
        const card = page.locator('.level-card').nth(2);
        await actions.click(card.getByRole('button', { name: /(适用条件|Applies when)$/ }).first());
        await card.locator('.rule-fields').click();
        const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
        await list.waitFor();
        await list.locator('.rv-virtual-list-holder, .rc-virtual-list-holder').first().evaluate((el) => el.scrollTo(0, 99999)).catch(() => undefined);
        await page.waitForTimeout(400);
        await card.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/shots/xlookup/rule-builder-lookups-${width}-${locale}.png` });
      });
});
