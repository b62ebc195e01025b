// A plugin installed while the engine runs: its alert scans are on the queue at
// once (not at the next start), its report kinds can be asked for at once, and a
// worker process of the same deployment picks it up before its next job.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, processorsOf } from '../../engine/context/index';
import { createPluginRuntime, withPluginSync } from '../../engine/plugins/index';
import { SCHEDULES, type ScheduleDoc } from '../../engine/queue/inline/schedules';
import { buildTestApp, type TestApp } from '../support/app';
import { backends } from '../support/backends';
import { adminClient, archiveOf, FIXTURES, installArchive, type Client } from './support';

const LAUNDRY = `${FIXTURES}/laundry`;

/** Handlers of a small alert kind and report kind: count tickets not collected. */
const HANDLERS = `
export default (api) => ({
  alerts: {
    laundry_uncollected: {
      title: { 'zh-CN': '未取衣物', en: 'Laundry not collected' },
      run: async ({ store }) => (await api.documents(store, 'laundry_ticket').find({ state: 'washed' })).length,
    },
  },
  reports: {
    laundry_tickets: {
      title: { 'zh-CN': '洗衣单统计', en: 'Laundry tickets' },
      run: async ({ store }) => [{ tickets: await api.documents(store, 'laundry_ticket').count({}) }],
    },
  },
});
`;

const withHandlers = (version = '1.0.0', alerts = true) =>
  archiveOf(LAUNDRY, async ({ manifest, dir }) => {
    manifest.version = version;
    manifest.handlers = 'handlers/index.ts';
    await mkdir(path.join(dir, 'handlers'), { recursive: true });
    const text = alerts ? HANDLERS : HANDLERS.replace(/alerts: \{[\s\S]*?\n {2}\},\n/, '');
    await writeFile(path.join(dir, 'handlers/index.ts'), text);
  });

describe.each(backends())('plugin schedules and jobs while running ($name)', (backend) => {
  let t: TestApp;
  let admin: Client;
  const scheduled = async () =>
    (await t.store.collection<ScheduleDoc>(SCHEDULES).find({ queue: 'alerts' })).map((s) => s.key);

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await adminClient(t.app);
  });
  afterAll(async () => t?.close());

  it('puts the alert scan of a plugin installed while running on the queue at once', async () => {
    expect(await scheduled()).not.toContain('laundry_uncollected');
    const res = await installArchive(admin, await withHandlers());
    expect(res.statusCode, res.body).toBe(201);
    expect(await scheduled()).toContain('laundry_uncollected');
    expect(t.app.engine.schedules.list().map((s) => s.name)).toContain('laundry_uncollected');
  });

  it('offers its report kind at once through the reports API', async () => {
    const reports = (await admin.req('GET', '/api/reports')).json();
    const keys = (Array.isArray(reports) ? reports : reports.items).map((r: { key: string }) => r.key);
    expect(keys).toContain('laundry_tickets');
  });

  it('runs the new job in a worker process started before the install, which syncs before the job', async () => {
    // A worker's own engine, built before the install, sharing the store.
    const worker = createEngine({ config: t.config, store: t.store, queue: t.app.engine.queue });
    const runtime = createPluginRuntime(worker, path.join(t.config.dataDir, 'worker-plugins'));
    const alerts = withPluginSync(processorsOf(worker), runtime).alerts;
    if (!alerts) throw new Error('no alerts processor');
    const job = { id: 'j1', name: 'laundry_uncollected', data: {}, attempt: 1, updateProgress: async () => undefined };
    expect(await alerts(job)).toBe(0);
    expect(worker.alertKinds.has('laundry_uncollected')).toBe(true);
    expect(worker.reportKinds.has('laundry_tickets')).toBe(true);
  });

  it('takes a dropped alert kind off the queue on upgrade, and the rest on uninstall', async () => {
    const up = await admin.req('PUT', '/api/plugins/laundry', await withHandlers('1.1.0', false), {
      'content-type': 'application/gzip',
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(await scheduled()).not.toContain('laundry_uncollected');
    const back = await admin.req('PUT', '/api/plugins/laundry', await withHandlers('1.2.0'), {
      'content-type': 'application/gzip',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(await scheduled()).toContain('laundry_uncollected');
    expect((await admin.req('DELETE', '/api/plugins/laundry')).statusCode).toBe(200);
    expect(await scheduled()).not.toContain('laundry_uncollected');
    expect(t.app.engine.schedules.list().map((s) => s.name)).not.toContain('laundry_uncollected');
  });
});
