// Plugin report and alert kinds, until the reports and alerts capabilities take
// them in their own registries: a report runs on demand and answers its rows; an
// alert kind runs once (the alerts it raises are listed at GET /api/alerts).
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { messageError } from '../messages/index';

const keyParams = {
  type: 'object',
  properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
  required: ['key'],
} as const;

export async function pluginJobRoutes(app: FastifyInstance): Promise<void> {
  const managers = {
    onRequest: [app.authenticate, requireRole('store_manager', 'regional_manager', 'finance_manager')],
  };

  app.get('/api/plugins/reports', { ...managers, schema: { tags: ['plugins'] } }, async () => ({
    items: [...app.pluginRuntime.reports.entries()].map(([key, kind]) => ({ key, title: kind.title })),
  }));

  app.get<{ Params: { key: string }; Querystring: Record<string, string> }>(
    '/api/plugins/reports/:key',
    {
      ...managers,
      schema: {
        tags: ['plugins'],
        params: keyParams,
        querystring: { type: 'object', additionalProperties: { type: 'string', maxLength: 100 } },
      },
    },
    async (request) => {
      const kind = app.pluginRuntime.reports.get(request.params.key);
      if (!kind) throw messageError('NOT_FOUND.plugin_report', { key: request.params.key });
      return {
        key: request.params.key,
        rows: await kind.run({ store: app.store, now: app.engine.clock() }, { ...request.query }),
      };
    },
  );

  app.post<{ Params: { key: string } }>(
    '/api/plugins/alerts/:key/runs',
    { onRequest: [app.authenticate, requireRole('admin')], schema: { tags: ['plugins'], params: keyParams } },
    async (request) => {
      const kind = app.pluginRuntime.alerts.get(request.params.key);
      if (!kind) throw messageError('NOT_FOUND.plugin_alert_kind', { key: request.params.key });
      return { key: request.params.key, raised: await kind.run({ store: app.store, now: app.engine.clock() }) };
    },
  );
}
