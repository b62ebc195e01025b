// The admin's backup card on the background-jobs page: no backup yet, then
// "Back up now" runs the backup job and the card shows its time, size and
// passed check. Screenshots at 1366 and 390 px, in zh-CN and en.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_JOB } from '../../engine/backups/index';
import { chromiumAvailable, signIn, startStaffApp, testPage, type StaffApp } from '../designer/staff-app-harness';
import { TEST_ADMIN } from '../support/app';

async function inEnglish(page: Page): Promise<void> {
  await page.getByRole('button', { name: /语言/ }).click();
  await page.getByRole('button', { name: /Language/ }).waitFor();
}

describe.runIf(chromiumAvailable())('staff app: backups', () => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await startStaffApp();
    // The card must show the default schedule (02:40 daily) but no backup yet: a run
    // that passes 02:40 must not back up on its own, so the schedule is taken off the
    // queue (the card reads the time from the configuration, not from the queue).
    await staff.app.queue.removeRepeat('reports', BACKUP_JOB);
  });
  afterAll(async () => {
    await staff?.close();
  });

  it('backs up on request and shows the last backup with its passed check', async (context) => {
    const page = await testPage(staff, context);
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/#/admin/queues`);
    const card = page.getByRole('region', { name: '数据备份' });
    // The schedule as BACKUP_CRON sets it (default 40 2 * * *), in the reader's words.
    await card.getByText('尚无备份（每天 02:40 自动备份）').waitFor();
    await card.getByRole('button', { name: '立即备份' }).click();
    await card.getByText(/校验通过（恢复 \d+ \/ 源 \d+）/).waitFor({ timeout: 30_000 });
    const shown = await card.getByText(/^backup-.*\.jsonl$/).textContent();
    const dir = path.join(staff.app.engine.config.backupDir);
    expect(await readdir(dir)).toContain(shown);
    await expect.poll(() => card.textContent()).toMatch(/大小\s*[\d.,]+ (B|KB|MB)/);
    await expect.poll(() => card.textContent()).toMatch(/计划\s*每天 02:40，保留最近 \d+ 份/);
  });

  it('shows the card at 1366 and 390 px in zh-CN and en, within the phone’s width', async (context) => {
    const page = await testPage(staff, context, { width: 1366, height: 900 });
    await signIn(page, staff.baseUrl, TEST_ADMIN);
    await page.goto(`${staff.baseUrl}/#/admin/queues`);
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    for (const [locale, name, passed] of [
      ['zh-CN', '数据备份', /校验通过/],
      ['en', 'Backups', /Passed \(restored \d+ of \d+\)/],
    ] as const) {
      if (locale === 'en') await inEnglish(page);
      const check = page.getByRole('region', { name }).getByText(passed);
      if (locale === 'en')
        await page.getByRole('region', { name }).getByText('Runs daily at 02:40, newest 7 kept').waitFor();
      await page.setViewportSize({ width: 1366, height: 900 });
      await check.waitFor();
      await staff.screenshot(page, `backups-1366-${locale}`);
      await page.setViewportSize({ width: 390, height: 844 });
      // The phone layout re-renders the card after the resize: scroll to it once it has settled.
      await expect
        .poll(() =>
          check
            .evaluate((el) => (el.scrollIntoView({ block: 'center' }), true), null, { timeout: 2000 })
            .catch(() => false),
        )
        .toBe(true);
      await expect.poll(fits).toBe(true);
      await staff.screenshot(page, `backups-390-${locale}`);
    }
  });
});
