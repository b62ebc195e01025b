// The suppliers' last prices under a purchase order line's product, in the staff
// app (real engine, real Chromium): editing a draft order shows each supplier's
// last price for the line's product, cheapest first, in zh-CN and en, on a
// desktop and a phone.
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';

describe.runIf(chromiumAvailable())('staff app: supplier prices on a purchase order line', () => {
  let staff: StaffApp;
  let draft = '';

  beforeAll(async () => {
    staff = await startStaffApp();
    const admin = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const s1 = await seed(staff.app, admin, 'supplier', { code: 'S1', name: '深圳明视光学' });
    const s2 = await seed(staff.app, admin, 'supplier', { code: 'S2', name: '厦门清晰镜片' });
    const warehouse = await seed(staff.app, admin, 'warehouse', { code: 'W01', name: '主仓' });
    const product = await seed(staff.app, admin, 'product', { sku: 'LS-1', name: '树脂镜片', price: 200 });
    const orderDate = dayjs().format('YYYY-MM-DD');
    for (const [supplier, price] of [
      [s1, 99],
      [s2, 95],
    ] as const) {
      const id = await seed(staff.app, admin, 'purchase_order', {
        supplier,
        warehouse,
        orderDate,
        lines: [{ product, qty: 10, price }],
      });
      const res = await staff.app.inject({
        method: 'POST',
        url: `/api/documents/purchase_order/${id}/transitions/submit`,
        headers: { authorization: `Bearer ${admin}` },
        payload: { version: 1 },
      });
      expect(res.statusCode).toBe(200);
    }
    draft = await seed(staff.app, admin, 'purchase_order', {
      supplier: s1,
      warehouse,
      orderDate,
      lines: [{ product, qty: 5, price: 100 }],
    });
  });

  afterAll(async () => {
    await staff?.close();
  });

  for (const [locale, width, region, edit] of [
    ['zh-CN', 1366, '各供应商最近采购价', /编\s?辑/],
    ['zh-CN', 390, '各供应商最近采购价', /编\s?辑/],
    ['en', 1366, 'Last price by supplier', /Edit/],
    ['en', 390, 'Last price by supplier', /Edit/],
  ] as const) {
    it(`shows each supplier's last price, cheapest first, under the line's product (${locale}, ${width} px)`, async (context) => {
      const page = await testPage(staff, context, { locale, width, height: 900 });
      await signIn(page, staff.baseUrl, TEST_ADMIN);
      // The app starts in zh-CN; English is the header's language switch.
      if (locale === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.goto(`${staff.baseUrl}/app/#/t/purchase_order/${draft}`);
      await page.getByRole('button', { name: edit }).click();
      const prices = page.getByRole('region', { name: region });
      await prices.getByText('厦门清晰镜片').waitFor();
      const items = await prices.getByRole('listitem').allTextContents();
      expect(items).toHaveLength(2);
      expect(items[0]).toContain('厦门清晰镜片');
      expect(items[0]).toContain('95.00');
      expect(items[1]).toContain('深圳明视光学');
      expect(items[1]).toContain('99.00');
    });
  }
});
