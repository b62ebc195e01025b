// The admin's view of the scheduled backups: where they go, how many are kept,
// the last run (time, size, documents, its check) and the recent ones; and a
// "back up now" that enqueues the same job the schedule runs.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { AppError } from '../errors';
import { BACKUP_JOB, recentBackups, type BackupRecord } from './service';

const view = (r: BackupRecord) => ({
  id: r._id,
  file: r.file ? r.file.split(/[\\/]/).pop() : null,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  status: r.status,
  size: r.size,
  documents: r.documents,
  collections: r.collections,
  check: r.check,
  pruned: r.pruned,
  error: r.error ?? null,
});

async function adminBackupRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['operations'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', requireRole('admin'));
  const enabled = app.store.kind === 'embedded';

  app.get('/api/operations/backups', { schema: { tags, security } }, async () => {
    const recent = enabled ? (await recentBackups(app.store)).map(view) : [];
    return {
      enabled,
      schedule: app.engine.config.backupCron,
      dir: app.engine.config.backupDir,
      keep: app.engine.config.backupKeep,
      last: recent[0] ?? null,
      recent,
    };
  });

  app.post('/api/operations/backups', { schema: { tags, security } }, async (_request, reply) => {
    if (!enabled)
      throw new AppError(
        'RULE_FAILED',
        'Scheduled backups are for the embedded store; back up MongoDB with its tools.',
        {
          key: 'RULE_FAILED.backups_embedded_only',
        },
      );
    const id = await app.queue.enqueue('reports', BACKUP_JOB, {}, { jobId: `${BACKUP_JOB}-now-${Date.now()}` });
    return reply.code(202).send({ job: id });
  });
}

export async function backupRoutes(app: FastifyInstance): Promise<void> {
  await app.register(adminBackupRoutes);
}
