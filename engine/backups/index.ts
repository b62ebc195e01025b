// The backups capability's public surface: the embedded store's scheduled
// backups (service.ts), their admin routes, and the engine plugin that schedules them.
import type { EnginePlugin } from '../context/index';
import { BACKUP_JOB, runBackup } from './service';

export { BACKUPS, BACKUP_JOB, recentBackups, runBackup } from './service';
export type { BackupCheck, BackupRecord } from './service';
export { backupRoutes } from './routes';

/**
 * On the `reports` queue at BACKUP_CRON (default 02:40 daily, a quiet hour for a shop; the
 * report purge runs at 03:17), one run per cluster with BullMQ, only for the embedded store.
 */
export const backupsPlugin: EnginePlugin = {
  name: 'backups',
  register(engine) {
    if (engine.store.kind !== 'embedded') return;
    engine.jobs.register('reports', BACKUP_JOB, async (_job, e) => {
      const record = await runBackup({
        store: e.store,
        dataDir: e.config.dataDir,
        backupDir: e.config.backupDir,
        keep: e.config.backupKeep,
        now: e.clock,
      });
      return { file: record._id, size: record.size, documents: record.documents, check: record.check?.status };
    });
    engine.schedules.register({ queue: 'reports', name: BACKUP_JOB, cron: engine.config.backupCron });
  },
};
