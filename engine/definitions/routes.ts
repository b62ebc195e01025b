// The definitions API (DESIGN §10): read the latest (or a given version), publish
// version n+1 (admin; the linter must find no errors), lint without publishing.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { messageError } from '../messages/index';
import { checkDefinition, publishDefinition } from './publish';
import { findRecord, latestRecord, listLatestRecords, summaryOf } from './service';

const keyParams = {
  type: 'object',
  properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,63}$' } },
  required: ['key'],
  additionalProperties: false,
} as const;

const definitionResponse = {
  type: 'object',
  additionalProperties: true,
  description: 'the definition (DESIGN §4) with its version, plus source/publishedAt/publishedBy',
} as const;

export async function definitionRoutes(app: FastifyInstance): Promise<void> {
  const { store, definitions: registry } = app;
  const tags = ['definitions'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.get('/api/definitions', { schema: { tags, security } }, async () => {
    const records = await listLatestRecords(store);
    return { items: records.map((r) => ({ ...summaryOf(r), definition: r.definition })) };
  });

  app.get<{ Params: { key: string }; Querystring: { version?: number } }>(
    '/api/definitions/:key',
    {
      schema: {
        tags,
        security,
        params: keyParams,
        querystring: {
          type: 'object',
          properties: { version: { type: 'integer', minimum: 1 } },
          additionalProperties: false,
        },
        response: { 200: definitionResponse },
      },
    },
    async (request) => {
      const { key } = request.params;
      const version = request.query.version;
      const record = version === undefined ? await latestRecord(store, key) : await findRecord(store, key, version);
      if (!record) {
        throw version === undefined
          ? messageError('NOT_FOUND.definition', { key })
          : messageError('NOT_FOUND.definition_version', { key, version });
      }
      return {
        ...record.definition,
        version: record.version,
        source: record.source,
        publishedAt: record.publishedAt,
        publishedBy: record.publishedBy,
      };
    },
  );

  app.put<{ Params: { key: string }; Body: Record<string, unknown> }>(
    '/api/definitions/:key',
    {
      onRequest: [requireRole('admin')],
      schema: { tags, security, params: keyParams, body: { type: 'object' }, response: { 201: definitionResponse } },
    },
    async (request, reply) => {
      const user = request.user;
      const { record, findings } = await publishDefinition(store, registry, {
        body: request.body,
        key: request.params.key,
        source: 'api',
        actor: { id: user.id, username: user.username },
        ip: request.ip,
      });
      return reply.code(201).send({
        ...record.definition,
        version: record.version,
        source: record.source,
        publishedAt: record.publishedAt,
        findings,
      });
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/api/definitions/lint',
    { onRequest: [requireRole('admin')], schema: { tags, security, body: { type: 'object' } } },
    async (request) => ({ findings: await checkDefinition(registry, request.body) }),
  );
}
