// The reports capability in the app: indexes, the daily purge of expired runs,
// and the routes, over a catalog of the registered report kinds.
import type { FastifyInstance } from 'fastify';
import { createReportCatalog } from './catalog';
import { routesOptions } from './wiring';
import { reportRoutes } from './routes';
import { ensureReportIndexes } from './runs';
import { PURGE_JOB } from './service';
import type { ReportKind } from './types';

export async function reportsPlugin(app: FastifyInstance, options: { kinds: ReportKind[]; retentionHours: number; now?: () => Date }): Promise<void> {
  await ensureReportIndexes(app.store);
  await app.queue.repeat('reports', PURGE_JOB, {}, { key: 'report-purge', cron: '17 3 * * *' });
  const deps = routesOptions({ store: app.store, queue: app.queue, catalog: createReportCatalog(options.kinds), retentionHours: options.retentionHours, now: options.now });
  await app.register(reportRoutes, { deps });
}
