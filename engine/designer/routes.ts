// The designer's few reads and dry runs beside the definitions API (admin only):
// the definition list with versions and document counts, try-it on draft approval
// levels, the upgrade dry-run before publishing, the print template preview and the
// registered effects for the effect picker.
// None of them writes anything.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../auth/index';
import { localeFrom } from '../http/index';
import { explainDraft } from './draft-explain';
import { listEffects } from './effects';
import { definitionOverview } from './overview';
import { previewTemplate } from './print-preview';
import { upgradeDryRun } from './upgrade-dry-run';

const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{1,63}$' } as const;

export async function designerRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['designer'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', requireRole('admin'));
  const userOf = (request: FastifyRequest) => request.user;

  app.get('/api/designer/definitions', { schema: { tags, security } }, async () => ({
    items: await definitionOverview(app.store, app.definitions),
  }));

  // The effect picker's choices: what the engine context's registry knows now,
  // built-in and plugin-registered alike.
  app.get('/api/designer/effects', { schema: { tags, security } }, async () => ({
    items: listEffects(app.engine.effects),
  }));

  app.post<{
    Body: {
      definition: Record<string, unknown>;
      transition: string;
      data?: Record<string, unknown>;
      id?: string;
      assume?: Record<string, unknown>;
    };
  }>(
    '/api/designer/explain',
    {
      schema: {
        tags,
        security,
        body: {
          type: 'object',
          properties: {
            definition: { type: 'object' },
            transition: { type: 'string', maxLength: 64 },
            data: { type: 'object' },
            id: { type: 'string', maxLength: 64 },
            assume: { type: 'object', maxProperties: 50 },
          },
          required: ['definition', 'transition'],
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      explainDraft(app.store, app.definitions, { ...request.body, user: userOf(request), now: app.authContext.now() }),
  );

  app.post<{ Params: { key: string }; Body: { definition: Record<string, unknown> } }>(
    '/api/designer/definitions/:key/upgrade-dry-run',
    {
      schema: {
        tags,
        security,
        params: { type: 'object', properties: { key }, required: ['key'] },
        body: {
          type: 'object',
          properties: { definition: { type: 'object' } },
          required: ['definition'],
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      upgradeDryRun(app.store, app.definitions, { key: request.params.key, definition: request.body.definition }),
  );

  app.post<{ Body: { body: string; type: string; id?: string; sample?: Record<string, unknown> } }>(
    '/api/designer/print-preview',
    {
      schema: {
        tags,
        security,
        body: {
          type: 'object',
          properties: {
            body: { type: 'string', maxLength: 200_000 },
            type: key,
            id: { type: 'string', maxLength: 64 },
            sample: { type: 'object' },
          },
          required: ['body', 'type'],
          additionalProperties: false,
        },
      },
    },
    async (request) =>
      previewTemplate(app.store, app.definitions, {
        ...request.body,
        user: userOf(request),
        locale: localeFrom(request.headers['accept-language']),
      }),
  );
}
