// /api/plugins (admin only). Install and upgrade take the packed archive
// (`npm run plugin -- pack`) as the request body, Content-Type application/gzip.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../auth/index';
import { fieldError } from '../messages/index';
import { readPluginArchiveBuffer } from './archive';
import { pluginJobRoutes } from './job-routes';
import { messageError } from '../messages/index';
import { installPlugin, listPlugins, upgradePlugin, type PluginContext } from './service';
import { uninstallPlugin } from './uninstall';

const ARCHIVE_LIMIT = 10 * 1024 * 1024;
const nameParams = {
  type: 'object',
  properties: { name: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,49}$' } },
  required: ['name'],
} as const;

export async function pluginRoutes(app: FastifyInstance): Promise<void> {
  const adminOnly = { onRequest: [app.authenticate, requireRole('admin')] };
  await app.register(pluginJobRoutes);
  app.addContentTypeParser(
    ['application/gzip', 'application/x-gzip', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: ARCHIVE_LIMIT },
    (_req, body, done) => done(null, body),
  );
  const ctx = (request: FastifyRequest): PluginContext => ({
    store: app.store,
    registry: app.definitions,
    runtime: app.pluginRuntime,
    faults: app.engine.faults,
    actor: { id: request.user.id, username: request.user.username },
    ip: request.ip,
    now: app.engine.clock(),
  });
  const archive = (body: unknown): Buffer => {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw messageError('BAD_REQUEST.plugin_archive_body');
    }
    return body;
  };

  app.get('/api/plugins', { ...adminOnly, schema: { tags: ['plugins'] } }, async () => ({
    items: await listPlugins(app.store),
  }));

  app.post(
    '/api/plugins',
    { ...adminOnly, bodyLimit: ARCHIVE_LIMIT, schema: { tags: ['plugins'] } },
    async (request, reply) =>
      reply.code(201).send(await installPlugin(ctx(request), await readPluginArchiveBuffer(archive(request.body)))),
  );

  app.put<{ Params: { name: string } }>(
    '/api/plugins/:name',
    { ...adminOnly, bodyLimit: ARCHIVE_LIMIT, schema: { tags: ['plugins'], params: nameParams } },
    async (request) => {
      const bundle = await readPluginArchiveBuffer(archive(request.body));
      if (bundle.manifest.name !== request.params.name) {
        const name = request.params.name;
        throw messageError(
          'VALIDATION_FAILED.archive_holds_other_plugin',
          { found: bundle.manifest.name, name },
          { errors: [fieldError('/manifest/name', 'VALIDATION_FAILED.must_be_name', { name })] },
        );
      }
      return upgradePlugin(ctx(request), bundle);
    },
  );

  app.delete<{ Params: { name: string }; Querystring: { archive?: boolean } }>(
    '/api/plugins/:name',
    {
      ...adminOnly,
      schema: {
        tags: ['plugins'],
        params: nameParams,
        // archive=true keeps the plugin's documents, read-only, with its definitions archived.
        querystring: { type: 'object', properties: { archive: { type: 'boolean' } }, additionalProperties: false },
      },
    },
    async (request) => uninstallPlugin(ctx(request), request.params.name, { archive: request.query.archive === true }),
  );
}
