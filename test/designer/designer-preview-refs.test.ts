// The designer's live preview renders reference fields as the staff form does: the
// type-ahead picker over the referenced type's documents (sales_order's customer and
// a line's product), not a plain text box — at 1366 and 390 px in zh-CN and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startStaffApp, testPage, SCREENS, type StaffApp } from './staff-app-harness';
import { makeWorld, openDesigner, type World } from './designer-harness';

describe.runIf(chromiumAvailable())('designer preview: reference fields', () => {
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
    it(`offers the customers in the preview's customer picker at ${width} px in ${locale}`, async (context) => {
      const en = locale === 'en';
      const page = await testPage(staff, context, { width, height: 900, chosenLocale: locale });
      await openDesigner(page, staff, world.admin);
      await page.getByRole('button', { name: en ? /^Open Sales order/ : /打开设计 销售订单/ }).click();
      const preview = page.getByRole('region', { name: en ? 'Live preview' : '实时预览' });
      const customer = preview.getByRole('combobox', { name: en ? 'Customer' : '客户' });
      await customer.click();
      const option = page.getByRole('option', { name: /上海明亮眼镜有限公司/ });
      await option.waitFor();
      await option.click();
      // The picked customer shows by code and name, as in the staff form.
      await preview.getByTitle('C001 上海明亮眼镜有限公司', { exact: true }).first().waitFor();
      expect(await preview.getByRole('textbox', { name: en ? 'Customer' : '客户', exact: true }).count()).toBe(0);
      await staff.screenshot(page, `designer-preview-${width}-${locale}`);
    });
  }
});
