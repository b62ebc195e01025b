import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintDefinition } from '../../engine/definitions/lint/index';
import { listLatestRecords } from '../../engine/definitions/service';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { buildTestApp, type TestApp } from '../support/app';
import { backends } from '../support/backends';
import { adminClient, archiveOf, createDoc, EYEWEAR, installArchive, transition, type Client } from './support';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const EYEWEAR_KEYS = ['counter_sale', 'eye_exam_appointment', 'eyewear_after_sales', 'glasses_order', 'prescription'];

// Each CLI call boots an engine in a child process: on a busy machine that takes a while.
describe('npm run plugin (CLI) on a fresh engine', { timeout: 240_000 }, () => {
  let dataDir: string;
  let work: string;
  const cli = (...args: string[]) => {
    // The embedded store in its own DATA_DIR, whatever the outer environment names.
    const { MONGODB_URI: _m, REDIS_URL: _r, ...env } = process.env;
    return run(process.execPath, ['--import', 'tsx', 'engine/plugins/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'Admin-Test-Pass-2026' },
    });
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'jxc-plugin-cli-'));
    dataDir = path.join(work, 'data');
  });
  afterAll(async () => rm(work, { recursive: true, force: true }));

  it('packs the plugin into one archive and installs it: definitions published and lint-clean', async () => {
    const packed = await cli('pack', 'plugins/eyewear-retail', work);
    const archive = path.join(work, 'eyewear-retail-1.0.0.tgz');
    expect(packed.stdout).toContain(archive);
    const installed = await cli('install', archive);
    expect(installed.stdout).toMatch(/^installed eyewear-retail@1\.0\.0: /);
    expect((await cli('list')).stdout).toContain('eyewear-retail@1.0.0');

    const store = await openEmbeddedStore({ dataDir, fsync: false });
    try {
      const records = await listLatestRecords(store);
      const byKey = new Map(records.map((r) => [r.key, r.definition]));
      for (const key of EYEWEAR_KEYS) expect(records.find((r) => r.key === key)?.source).toBe('plugin:eyewear-retail');
      for (const key of ['product', 'customer', 'goods_receipt'])
        expect(records.find((r) => r.key === key)?.source).toBe('plugin:eyewear-retail');
      for (const r of records) {
        const errors = lintDefinition(r.definition, { resolveDefinition: (k) => byKey.get(k) }).filter(
          (f) => f.severity === 'error',
        );
        expect(errors, r.key).toEqual([]);
      }
    } finally {
      await store.close();
    }
  });

  it("loads the installed plugin's handlers when an engine starts on that store", async () => {
    const t = await buildTestApp({ dataDir });
    try {
      expect(t.app.pluginRuntime.loaded()).toEqual(['eyewear-retail']);
      const admin = await adminClient(t.app);
      const customer = await createDoc(admin, 'customer', { code: 'C-CLI', name: '赵敏' });
      const book = async () =>
        transition(
          admin,
          'eye_exam_appointment',
          await createDoc(admin, 'eye_exam_appointment', {
            customer: customer.id,
            optometrist: '王医生',
            slot: '2026-12-06T11:00',
          }),
          'book',
        );
      expect((await book()).state).toBe('booked');
      // The slot-claim effect is the plugin's: only loaded handlers refuse the double booking.
      await expect(book()).rejects.toThrow(/409/);
    } finally {
      await t.close();
    }
  });

  it('refuses to install it twice, naming the plugin', async () => {
    await expect(cli('install', 'plugins/eyewear-retail')).rejects.toMatchObject({
      stderr: expect.stringContaining('already installed'),
    });
  });
});

describe.each(backends())('eyewear-retail through the API on a fresh engine ($name)', (backend) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await adminClient(t.app);
  });
  afterAll(async () => t?.close());

  it('installs the packed plugin: new definitions and overlays published, each lint-clean', async () => {
    const res = await installArchive(admin, await archiveOf(EYEWEAR));
    expect(res.statusCode, res.body).toBe(201);
    const published = res.json().definitions as Array<{ key: string; overlay: boolean }>;
    expect(
      published
        .filter((d) => !d.overlay)
        .map((d) => d.key)
        .sort(),
    ).toEqual(EYEWEAR_KEYS);
    expect(
      published
        .filter((d) => d.overlay)
        .map((d) => d.key)
        .sort(),
    ).toEqual(['customer', 'goods_receipt', 'product']);
    for (const { key } of published) {
      const {
        source,
        publishedAt: _a,
        publishedBy: _b,
        ...body
      } = (await admin.req('GET', `/api/definitions/${key}`)).json();
      expect(source).toBe('plugin:eyewear-retail');
      const lint = await admin.req('POST', '/api/definitions/lint', body);
      expect(
        lint.json().findings.filter((f: { severity: string }) => f.severity === 'error'),
        key,
      ).toEqual([]);
    }
    const product = (await admin.req('GET', '/api/definitions/product')).json();
    expect(Object.keys(product.schema.properties)).toEqual(
      expect.arrayContaining(['sku', 'price', 'lensIndex', 'frameSize', 'baseCurve']),
    );
  });
});
