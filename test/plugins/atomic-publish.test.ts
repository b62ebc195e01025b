// Installing or upgrading a plugin is all or nothing: a failure after some of its
// definitions were published takes them back, and an install whose process died
// part-way is undone by the next engine start or the next install.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFaultSeam } from '../../engine/faults/index';
import { bundleFromFiles, installPlugin, loadInstalledPlugins, readPluginFolder } from '../../engine/plugins/index';
import type { PluginContext } from '../../engine/plugins/index';
import { buildTestApp, type TestApp } from '../support/app';
import { backends } from '../support/backends';
import { adminClient, archiveOf, FIXTURES, installArchive, type Client } from './support';

const LAUNDRY = `${FIXTURES}/laundry`;
const LEASE_PASSED = 11 * 60_000;

const failAfter = (key: string) => (info: Record<string, unknown>) => {
  if (info.key === key) throw new Error(`fault injected after publishing ${key}`);
};

describe.each(backends())('all-or-nothing plugin publishing ($name)', (backend) => {
  let t: TestApp;
  let admin: Client;
  const statusOf = async (key: string) => (await admin.req('GET', `/api/definitions/${key}`)).statusCode;
  const versionOf = async (key: string) => (await admin.req('GET', `/api/definitions/${key}`)).json().version;
  const installed = async () =>
    (await admin.req('GET', '/api/plugins')).json().items.map((p: { name: string; version: string }) => p);

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await adminClient(t.app);
  });
  afterEach(() => t.app.engine.faults.clear());
  afterAll(async () => t?.close());

  it('takes back the definitions already published when the install fails part-way', async () => {
    t.app.engine.faults.set({ 'plugins.afterPublish': failAfter('laundry_service') });
    const res = await installArchive(admin, await archiveOf(LAUNDRY));
    expect(res.statusCode).toBe(500);
    expect(await statusOf('laundry_service')).toBe(404);
    expect(await statusOf('laundry_ticket')).toBe(404);
    expect(await installed()).toEqual([]);
  });

  it('installs cleanly afterwards, from version 1', async () => {
    const res = await installArchive(admin, await archiveOf(LAUNDRY));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().definitions.map((d: { version: number }) => d.version)).toEqual([1, 1]);
    expect(await versionOf('laundry_service')).toBe(1);
  });

  it('leaves the installed version whole when an upgrade fails part-way', async () => {
    t.app.engine.faults.set({ 'plugins.afterPublish': failAfter('laundry_service') });
    const upgrade = async () =>
      admin.req(
        'PUT',
        '/api/plugins/laundry',
        await archiveOf(LAUNDRY, async ({ manifest }) => void (manifest.version = '1.1.0')),
        { 'content-type': 'application/gzip' },
      );
    expect((await upgrade()).statusCode).toBe(500);
    expect(await versionOf('laundry_service')).toBe(1);
    expect(await installed()).toEqual([expect.objectContaining({ name: 'laundry', version: '1.0.0' })]);
    t.app.engine.faults.clear();
    const res = await upgrade();
    expect(res.statusCode, res.body).toBe(200);
    expect(await versionOf('laundry_service')).toBe(2);
    expect(await versionOf('laundry_ticket')).toBe(2);
  });

  describe('an install whose process died part-way', () => {
    const context = (faults = createFaultSeam(), now = new Date()): PluginContext => ({
      store: t.store,
      registry: t.app.definitions,
      runtime: t.app.pluginRuntime,
      faults,
      actor: null,
      now,
    });
    /** Starts an install that stops for ever after its first definition is published, as a killed process would. */
    const dieAfterFirstPublish = async (name: string) => {
      const bundle = await readPluginFolder(LAUNDRY);
      const renamed = bundleFromFiles({
        ...Object.fromEntries(
          Object.entries(bundle.files).map(([file, text]) => [file, text.replaceAll('laundry_', `${name}_`)]),
        ),
        'manifest.json': JSON.stringify({ ...bundle.manifest, name }),
      });
      const faults = createFaultSeam();
      let reached: () => void = () => undefined;
      const published = new Promise<void>((resolve) => (reached = resolve));
      faults.set({
        'plugins.afterPublish': () => {
          reached();
          return new Promise<void>(() => undefined);
        },
      });
      void installPlugin(context(faults), renamed);
      await published;
      return renamed;
    };

    it('is undone when an engine starts after the lease', async () => {
      await dieAfterFirstPublish('dead');
      expect(await statusOf('dead_service')).toBe(200);
      await loadInstalledPlugins(
        { store: t.store, registry: t.app.definitions },
        t.app.pluginRuntime,
        new Date(Date.now() + LEASE_PASSED),
      );
      expect(await statusOf('dead_service')).toBe(404);
      expect((await installed()).map((p: { name: string }) => p.name)).toEqual(['laundry']);
    });

    it('is undone by the next install after the lease, which then installs whole', async () => {
      const bundle = await dieAfterFirstPublish('gone');
      await expect(installPlugin(context(), bundle)).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
      const summary = await installPlugin(context(createFaultSeam(), new Date(Date.now() + LEASE_PASSED)), bundle);
      expect(summary.definitions.map((d) => [d.key, d.version])).toEqual([
        ['gone_service', 1],
        ['gone_ticket', 1],
      ]);
    });
  });
});
