// The reports capability in the app: indexes and the routes, over the engine's
// report kinds (built-ins and plugins', engine/context) plus saved reports.
import type { FastifyInstance } from 'fastify';
import { createReportCatalog } from './catalog';
import { routesOptions } from './wiring';
import { reportRoutes } from './routes';
import { ensureReportIndexes } from './runs';
import type { ReportKind } from './types';

export async function reportsPlugin(
  app: FastifyInstance,
  options: { kinds: () => ReportKind[]; retentionHours: number; now?: () => Date },
): Promise<void> {
  await ensureReportIndexes(app.store);
  const deps = routesOptions({
    store: app.store,
    queue: app.queue,
    catalog: createReportCatalog(options.kinds),
    retentionHours: options.retentionHours,
    now: options.now,
  });
  await app.register(reportRoutes, { deps });
}
