// Scheduled backups of the embedded store (issue 18, part 4): the daily job is on
// the queue's schedule; a run writes the backup, checks it by restoring it into a
// scratch directory and counting documents against the source, prunes beyond
// BACKUP_KEEP, and the admin sees the last one. The restore drill: back up,
// write more, restore the backup into a fresh directory, and an engine opened
// there shows exactly the backed-up data. On MongoDB the feature is off and says so.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_JOB } from '../../engine/backups/index';
import { restoreEmbedded } from '../../engine/store/index';
import { backends } from '../support/backends';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

const bearer = (token: string, language = 'zh-CN') => ({
  authorization: `Bearer ${token}`,
  'accept-language': language,
});

async function jobDone(t: TestApp, id: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = (await t.app.queue.getJob('reports', id))?.state ?? '';
    if (state === 'completed' || state === 'failed' || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(backends())('scheduled backups on the $name store', (backend) => {
  let t: TestApp;
  let admin: string;
  let work: string;
  let backupDir: string;
  // Not the default (02:40): the schedule must follow BACKUP_CRON. And one that comes
  // round once in four years (23:15 on 29 February), so no scheduled backup slips in
  // between the ones these tests start and count (CI runs at any hour).
  const cron = '15 23 29 2 *';

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'jxc-backups-'));
    backupDir = path.join(work, 'backups');
    t = await buildTestApp({
      mongoUri: backend.mongoUri,
      env: { BACKUP_DIR: backupDir, BACKUP_KEEP: '2', BACKUP_CRON: cron },
    });
    admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  });

  afterAll(async () => {
    await t?.close();
    await rm(work, { recursive: true, force: true });
  });

  const product = async (sku: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/documents/product',
      headers: bearer(admin),
      payload: { data: { sku, name: `商品 ${sku}`, unit: '个', price: 10 } },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const backUpNow = async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/operations/backups', headers: bearer(admin) });
    expect(res.statusCode).toBe(202);
    expect(await jobDone(t, res.json().job)).toBe('completed');
  };
  const overview = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/operations/backups', headers: bearer(admin) })).json();

  if (backend.name === 'embedded') {
    it('is a job on the reports queue’s schedule at the BACKUP_CRON pattern', async () => {
      const schedules = await t.store.collection('job_schedules').find({ key: BACKUP_JOB });
      expect(schedules).toHaveLength(1);
      expect(schedules[0]).toMatchObject({ queue: 'reports', cron });
      const view = await overview();
      expect(view.schedule).toBe(cron);
      expect(view.last).toBeNull();
    });

    it('writes a checked backup that restores into a fresh directory with exactly the data backed up', async () => {
      const kept = [await product('BK-1'), await product('BK-2')];
      await backUpNow();
      const first = (await overview()).last;
      expect(first).toMatchObject({ status: 'passed', check: { status: 'passed', mismatches: [] } });
      expect(first.check.restored).toBe(first.check.expected);
      expect(first.check.expected).toBe(first.documents);
      expect(first.size).toBe((await stat(path.join(backupDir, first.file))).size);

      const later = await product('BK-3');
      const fresh = path.join(work, 'restored');
      const restored = await restoreEmbedded(fresh, path.join(backupDir, first.file));
      expect(restored.documents).toBe(first.documents);
      const drill = await buildTestApp({ dataDir: fresh });
      try {
        const token = await login(drill.app, TEST_ADMIN.username, TEST_ADMIN.password);
        const list = await drill.app.inject({ method: 'GET', url: '/api/documents/product', headers: bearer(token) });
        const ids = list.json().items.map((p: { id: string }) => p.id);
        expect(ids.sort()).toEqual([...kept].sort());
        expect(ids).not.toContain(later);
      } finally {
        await drill.close();
      }
    });

    it('keeps the newest BACKUP_KEEP backups and shows the last one', async () => {
      const before = (await overview()).last.id;
      await backUpNow();
      await backUpNow();
      const files = (await readdir(backupDir)).filter((f) => f.endsWith('.jsonl')).sort();
      expect(files).toHaveLength(2);
      const view = await overview();
      expect(files).toEqual([view.recent[1].file, view.last.file].sort());
      expect(view.last.pruned).toEqual([before]);
      expect(view.keep).toBe(2);
    });

    it('is for admins only', async () => {
      await createUser(t.app, admin, { username: 'clerk.bk', password: 'Backup-Clerk#2026', roles: ['sales_clerk'] });
      const clerk = await login(t.app, 'clerk.bk', 'Backup-Clerk#2026');
      for (const method of ['GET', 'POST'] as const) {
        const res = await t.app.inject({ method, url: '/api/operations/backups', headers: bearer(clerk) });
        expect(res.statusCode).toBe(403);
      }
    });
  } else {
    it('says backups are the embedded store’s, in the caller’s language, and schedules none', async () => {
      expect(await overview()).toMatchObject({ enabled: false, last: null, recent: [] });
      const zh = await t.app.inject({ method: 'POST', url: '/api/operations/backups', headers: bearer(admin) });
      const en = await t.app.inject({ method: 'POST', url: '/api/operations/backups', headers: bearer(admin, 'en') });
      expect([zh.statusCode, en.statusCode]).toEqual([422, 422]);
      expect(zh.json().detail).toContain('内置存储');
      expect(en.json().detail).toContain('embedded store');
      expect(await t.store.collection('job_schedules').count({ key: BACKUP_JOB })).toBe(0);
    });
  }
});
