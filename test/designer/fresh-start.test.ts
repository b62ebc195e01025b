// `npm start` on a fresh clone: the staff app is built before the engine starts
// (designer/build-if-stale.ts) and `/` shows the login page — no extra command.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDesignerBuild } from '../../designer/build-if-stale';
import { chromiumAvailable, startStaffApp, testPage, type StaffApp } from './staff-app-harness';

describe.runIf(chromiumAvailable())('staff app: fresh start', () => {
  let dir: string;
  let distDir: string;
  let first: Awaited<ReturnType<typeof ensureDesignerBuild>>;
  let staff: StaffApp;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jxc-fresh-clone-'));
    // A fresh clone has no build at all.
    distDir = path.join(dir, 'designer-dist');
    first = await ensureDesignerBuild(distDir, () => undefined);
    staff = await startStaffApp({ distDir });
  });

  afterAll(async () => {
    await staff?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds the app when there is no build, and not again while the sources are unchanged', async () => {
    expect(first.built).toBe(true);
    expect(await readdir(distDir)).toContain('index.html');
    expect((await ensureDesignerBuild(distDir, () => undefined)).built).toBe(false);
  });

  it('shows the login page at /', async (context) => {
    const page = await testPage(staff, context);
    await page.goto(`${staff.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/app/');
    await page.getByLabel('用户名').waitFor();
    expect(await page.getByLabel('密码').count()).toBe(1);
    expect(
      await page
        .getByRole('button', { name: '登 录' })
        .or(page.getByRole('button', { name: '登录' }))
        .count(),
    ).toBe(1);
  });
});
