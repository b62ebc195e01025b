// For browser tests of the staff app: one Vite build into a temp dir, a real
// engine serving it on 127.0.0.1 (embedded store, inline queue), and Debian's
// Chromium driven by playwright-core. Everything is removed by close().
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../../engine/app';
import { bootstrapAdmin } from '../../engine/auth/bootstrap-admin';
import { loadConfig } from '../../engine/config';
import { createInlineQueue } from '../../engine/queue/inline/index';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { RELAXED_RATE_LIMITS, TEST_ADMIN } from '../support/app';

const viteConfig = fileURLToPath(new URL('../../designer/vite.config.ts', import.meta.url));

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);

export interface StaffApp {
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  /** Messages the browser logged (CSP violations show up here). */
  consoleErrors: string[];
  newPage(): Promise<Page>;
  /** Saves a screenshot of `page` under a temp dir kept for inspection; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the app the way `npm run build:designer` does, into `outDir`. */
async function buildStaffApp(outDir: string): Promise<void> {
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: viteConfig,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export async function startStaffApp(): Promise<StaffApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-staff-app-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const distDir = path.join(dir, 'dist');
    await buildStaffApp(distDir);
    const dataDir = path.join(dir, 'data');
    await mkdir(dataDir);
    const config = loadConfig({ DATA_DIR: dataDir, ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password, LOG_LEVEL: 'silent' });
    const store = await openEmbeddedStore({ dataDir, fsync: false });
    const app = await buildApp({ config, store, queue: createInlineQueue({ store }), rateLimits: RELAXED_RATE_LIMITS, designerDir: distDir });
    cleanups.push(() => app.close());
    await bootstrapAdmin(store, config);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    cleanups.push(() => browser.close());
    const consoleErrors: string[] = [];
    let shots: string | undefined;
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
        shots ??= await mkdtemp(path.join(tmpdir(), 'jxc-staff-app-failures-'));
        const file = path.join(shots, `${name.replace(/[^\w-]+/g, '_')}.png`);
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
export async function seed(app: FastifyInstance, token: string, type: string, data: Record<string, unknown>): Promise<string> {
  const res = await app.inject({ method: 'POST', url: `/api/documents/${type}`, headers: { authorization: `Bearer ${token}` }, payload: { data } });
  if (res.statusCode !== 201) throw new Error(`seeding ${type} failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
