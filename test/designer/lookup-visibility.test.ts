// A show-when rule that reads a lookup works in the staff app: a delivery
// booking's "wait-list note" appears only once the slot typed has two bookings
// already — the figure the engine answers for the draft
// (POST /api/documents/:type/lookups), evaluated in the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { bookingDefinition } from '../rules/lookup-fixtures';
import { chromiumAvailable, seed, signIn, startStaffApp, testPage, type StaffApp } from './staff-app-harness';

function bookingWithNote() {
  const def = bookingDefinition();
  return {
    ...def,
    schema: {
      ...def.schema,
      properties: {
        ...(def.schema.properties as object),
        waitNote: { type: 'string', title: '候补说明', 'x-title': { 'zh-CN': '候补说明', en: 'Wait-list note' } },
      },
    },
    uiSchema: { waitNote: { 'ui:options': { visibleWhen: { '>=': [{ var: 'lookup.bookings' }, 2] } } } },
  };
}

describe.runIf(chromiumAvailable())('staff app: show-when rules that read a lookup', () => {
  let staff: StaffApp;

  beforeAll(async () => {
    staff = await startStaffApp();
    const token = await login(staff.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const inject = (method: 'PUT' | 'POST', url: string, payload: object) =>
      staff.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    const published = await inject('PUT', '/api/definitions/delivery_booking', bookingWithNote());
    if (published.statusCode !== 201) throw new Error(`publishing failed: ${published.statusCode} ${published.body}`);
    for (const carrier of ['甲', '乙']) {
      const id = await seed(staff.app, token, 'delivery_booking', { slot: '周五上午', carrier });
      const res = await inject('POST', `/api/documents/delivery_booking/${id}/transitions/submit`, { version: 1 });
      if (res.statusCode !== 200) throw new Error(`booking failed: ${res.statusCode} ${res.body}`);
    }
  });

  afterAll(async () => {
    await staff?.close();
  });

  it('shows the wait-list note once the slot typed has two bookings, and hides it for a free slot', async (context) => {
    const page = await testPage(staff, context, { width: 1366 });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/app/#/t/delivery_booking/new`);
    const slot = page.getByLabel('时段');
    await slot.waitFor();
    await page.getByLabel('承运人').fill('丙');
    await slot.fill('周五下午');
    // The answer for the free slot has come (and the note stays hidden) once the request settled.
    await page.waitForResponse((r) => r.url().endsWith('/api/documents/delivery_booking/lookups'));
    await expect(page.getByLabel('候补说明').count()).resolves.toBe(0);

    await slot.fill('周五上午');
    await page.getByLabel('候补说明').waitFor();
    await page.getByLabel('候补说明').fill('若有取消请通知');
    await staff.screenshot(page, 'lookup-visibility-1366-zh');

    await slot.fill('周五晚上');
    await page.getByLabel('候补说明').waitFor({ state: 'detached' });
  });
});
