// For browser tests of the staff app: one Vite build shared by the test files, a real
// engine serving it on 127.0.0.1 (embedded store, inline queue), and Debian's
// Chromium driven by playwright-core. Everything is removed by close().
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestContext } from 'vitest';
import { ensureDesignerBuild, isFresh, sourceHash } from '../../designer/build-if-stale';
import { buildApp } from '../../engine/app';
import { bootstrapAdmin } from '../../engine/auth/bootstrap-admin';
import { loadConfig } from '../../engine/config';
import { createInlineQueue } from '../../engine/queue/inline/index';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { RELAXED_RATE_LIMITS, TEST_ADMIN } from '../support/app';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);

export interface StaffApp {
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  /** Messages the browser logged (CSP violations show up here). */
  consoleErrors: string[];
  newPage(): Promise<Page>;
  /** Saves a full-page screenshot under test/designer/screenshots/ (gitignored); returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The app built the way `npm start` builds it (designer/build-if-stale.ts), once per
 * source version for all test files: into a temp dir, then renamed into place, so
 * test files running in parallel never see a half-written build.
 */
async function sharedBuild(): Promise<string> {
  const target = path.join(tmpdir(), `jxc-staff-app-build-${(await sourceHash()).slice(0, 16)}`);
  if (await isFresh(target)) return target;
  const scratch = await mkdtemp(path.join(tmpdir(), 'jxc-staff-app-building-'));
  await ensureDesignerBuild(scratch, () => undefined);
  try {
    await rename(scratch, target);
  } catch (err) {
    // Another test file finished the same build first.
    await rm(scratch, { recursive: true, force: true });
    if (!(await isFresh(target))) throw err;
  }
  return target;
}

export interface StaffAppOptions {
  /** A build to serve; default one shared build of the current sources. */
  distDir?: string;
}

export async function startStaffApp(options: StaffAppOptions = {}): Promise<StaffApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-staff-app-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const distDir = options.distDir ?? (await sharedBuild());
    const dataDir = path.join(dir, 'data');
    await mkdir(dataDir);
    const config = loadConfig({
      DATA_DIR: dataDir,
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOG_LEVEL: 'silent',
    });
    const store = await openEmbeddedStore({ dataDir, fsync: false });
    const app = await buildApp({
      config,
      store,
      queue: createInlineQueue({ store }),
      rateLimits: RELAXED_RATE_LIMITS,
      designerDir: distDir,
    });
    cleanups.push(() => app.close());
    await bootstrapAdmin(store, config);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    cleanups.push(() => browser.close());
    const consoleErrors: string[] = [];
    return {
      app,
      baseUrl: address,
      browser,
      consoleErrors,
      async newPage() {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
        page.setDefaultTimeout(15_000);
        page.on('console', (msg) => {
          if (msg.type() === 'error') consoleErrors.push(msg.text());
        });
        page.on('pageerror', (err) => consoleErrors.push(String(err)));
        return page;
      },
      async screenshot(page, name) {
        await mkdir(SCREENSHOTS, { recursive: true });
        const file = path.join(SCREENSHOTS, `${name.replace(/[^\w\u4e00-\u9fff-]+/g, '_')}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Creates a document through the API as the admin; returns its id. */
export async function seed(
  app: FastifyInstance,
  token: string,
  type: string,
  data: Record<string, unknown>,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/documents/${type}`,
    headers: { authorization: `Bearer ${token}` },
    payload: { data },
  });
  if (res.statusCode !== 201) throw new Error(`seeding ${type} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** Chromium is required under CI=true; elsewhere its absence skips the browser tests with a note. */
export function chromiumAvailable(): boolean {
  if (chromiumInstalled()) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is required under CI=true but ${CHROMIUM} is missing`);
  console.warn(`[skip] ${CHROMIUM} is missing; the staff app browser tests are skipped (apt-get install chromium)`);
  return false;
}

export interface PageOptions {
  width?: number;
  height?: number;
  locale?: string;
  /** The language the user picked in the app, remembered as the app remembers it (also the browser's locale). */
  chosenLocale?: 'zh-CN' | 'en';
}

/** The screens a changed page is looked at on: 1366 and 390 px, zh-CN and en. */
export const SCREENS = [
  [1366, 'zh-CN'],
  [390, 'zh-CN'],
  [1366, 'en'],
  [390, 'en'],
] as const;

/** A page in its own context; its screenshot is saved when the test ends, pass or fail. */
export async function testPage(staff: StaffApp, context: TestContext, options: PageOptions = {}): Promise<Page> {
  const browserContext = await staff.browser.newContext({
    viewport: { width: options.width ?? 1366, height: options.height ?? 800 },
    locale: options.locale ?? options.chosenLocale ?? 'zh-CN',
  });
  const page = await browserContext.newPage();
  if (options.chosenLocale)
    await page.addInitScript((l) => localStorage.setItem('jxc.locale', l), options.chosenLocale);
  page.setDefaultTimeout(15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error') staff.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => staff.consoleErrors.push(String(err)));
  context.onTestFinished(async () => {
    const file = await staff.screenshot(page, context.task.name);
    if (context.task.result?.state === 'fail') console.warn(`[staff app] screenshot of the failure: ${file}`);
    await browserContext.close();
  });
  return page;
}

/** Signs in through the login page and waits for the shell. */
export async function signIn(page: Page, baseUrl: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel(/用户名|User name/).fill(user.username);
  await page.getByLabel(/^(密码|Password)$/).fill(user.password);
  await page.getByRole('button', { name: /登\s?录|Sign in/ }).click();
  await page.locator('.app-header').waitFor();
}
