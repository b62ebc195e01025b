// The staff app's background-jobs page, for admins: each queue's counts and the
// failed jobs, one discarded from the page. Screenshots at 1366 and 390 px, in
// zh-CN and en.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOW_STOCK_SCAN_JOB } from '../../engine/replenishment/index';
import { chromiumAvailable, signIn, startStaffApp, testPage, type StaffApp } from '../designer/staff-app-harness';
import type { Page } from 'playwright-core';
import { TEST_ADMIN } from '../support/app';

async function inEnglish(page: Page): Promise<void> {
  await page.getByRole('button', { name: /语言/ }).click();
  await page.getByRole('button', { name: /Language/ }).waitFor();
}

async function deadJob(staff: StaffApp, jobId: string): Promise<void> {
  await staff.app.queue.enqueue('alerts', 'no-such-job', {}, { jobId, attempts: 1 });
  const deadline = Date.now() + 30_000;
  while ((await staff.app.queue.getJob('alerts', jobId))?.state !== 'failed') {
    if (Date.now() > deadline) throw new Error('the job never failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(chromiumAvailable())('staff app: background jobs', () => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await startStaffApp();
    // The page reads the counts once: a low-stock scan (every 60 s on this queue) waiting
    // or running just then would stay in the row the test expects to read 0 0 0 0 1.
    await staff.app.queue.removeRepeat('alerts', LOW_STOCK_SCAN_JOB);
    await deadJob(staff, 'dead-for-screen');
  });
  afterAll(async () => {
    await staff?.close();
  });

  it('lists the queues with their counts and discards a failed job', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.getByRole('menuitem', { name: /设置/ }).click();
    await page.getByRole('link', { name: '后台任务' }).click();
    const [counts, dead] = [0, 1].map((n) => page.locator('.queues-screen table').nth(n));
    const alertsRow = counts.locator('tbody tr').filter({ hasText: '预警' });
    // The page loads its counts once; on a busy machine that takes longer than a poll's second.
    await alertsRow.waitFor();
    await expect.poll(() => alertsRow.locator('td').allTextContents()).toEqual(['预警', '0', '0', '0', '0', '1']);
    await expect
      .poll(() => dead.locator('tbody tr').filter({ hasText: 'no-such-job' }).textContent())
      .toContain('has no job');

    await page.getByRole('button', { name: '丢弃 no-such-job' }).click();
    await page.getByRole('button', { name: /^确\s?定$/ }).click();
    await dead.getByText('没有失败的任务').waitFor();
    await expect.poll(() => alertsRow.locator('td').last().textContent()).toBe('0');
    expect(await staff.app.queue.getJob('alerts', 'dead-for-screen')).toBeNull();
  });

  it('fits a phone in English, with a failed job to retry', async (context) => {
    await deadJob(staff, 'dead-for-phone');
    const page = await testPage(staff, context, { width: 390, height: 844, locale: 'en' });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await inEnglish(page);
    await page.goto(`${staff.baseUrl}/#/admin/queues`);
    await page.getByRole('heading', { name: 'Background jobs' }).waitFor();
    await page.getByRole('button', { name: 'Retry no-such-job' }).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });

  it('shows the same page at 1366 px in English and 390 px in Chinese', async (context) => {
    for (const [width, locale, heading] of [
      [1366, 'en', 'Background jobs'],
      [390, 'zh-CN', '后台任务'],
    ] as const) {
      const page = await testPage(staff, context, { width, height: 844, locale });
      await signIn(page, staff.baseUrl, TEST_ADMIN);
      if (locale === 'en') await inEnglish(page);
      await page.goto(`${staff.baseUrl}/#/admin/queues`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await staff.screenshot(page, `queues-${width}-${locale}`);
    }
  });
});
