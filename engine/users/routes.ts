// /api/users and /api/roles: admin only. Handlers parse, call the service, reply.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../http/index';
import { createRole, listRoles } from './roles';
import {
  idParamsSchema,
  passwordSchema,
  publicUserSchema,
  roleKeySchema,
  roleSchema,
  rolesSchema,
  usernameSchema,
} from './schemas';
import {
  createUser,
  getUser,
  listUsers,
  resetPassword,
  resetTotp,
  setDisabled,
  setRoles,
  unlockUser,
  type AdminContext,
} from './service';

type IdRoute = { Params: { id: string } };

export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const adminOnly = { onRequest: [app.authenticate, requireRole('admin')] };
  const ctx = (request: FastifyRequest): AdminContext => ({
    store: app.store,
    actor: { id: request.user.id, username: request.user.username },
    ip: request.ip,
    now: app.authContext.now(),
  });
  const userReply = { 200: publicUserSchema };

  app.post<{ Body: { username: string; password: string; roles: string[] } }>(
    '/api/users',
    {
      ...adminOnly,
      schema: {
        tags: ['users'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { username: usernameSchema, password: passwordSchema, roles: rolesSchema },
          required: ['username', 'password', 'roles'],
        },
        response: { 201: publicUserSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(ctx(request), request.body)),
  );

  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    '/api/users',
    {
      ...adminOnly,
      schema: {
        tags: ['users'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            cursor: { type: 'string', pattern: '^[0-9a-f]{24}$' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: publicUserSchema }, nextCursor: { type: ['string', 'null'] } },
            required: ['items', 'nextCursor'],
          },
        },
      },
    },
    async (request) => listUsers(app.store, request.query),
  );

  app.get<IdRoute>(
    '/api/users/:id',
    { ...adminOnly, schema: { tags: ['users'], params: idParamsSchema, response: userReply } },
    async (request) => getUser(app.store, request.params.id),
  );

  app.post<IdRoute>(
    '/api/users/:id/disable',
    { ...adminOnly, schema: { tags: ['users'], params: idParamsSchema, response: userReply } },
    async (request) => setDisabled(ctx(request), request.params.id, true),
  );

  app.post<IdRoute>(
    '/api/users/:id/enable',
    { ...adminOnly, schema: { tags: ['users'], params: idParamsSchema, response: userReply } },
    async (request) => setDisabled(ctx(request), request.params.id, false),
  );

  app.put<{ Params: { id: string }; Body: { roles: string[] } }>(
    '/api/users/:id/roles',
    {
      ...adminOnly,
      schema: {
        tags: ['users'],
        params: idParamsSchema,
        body: { type: 'object', additionalProperties: false, properties: { roles: rolesSchema }, required: ['roles'] },
        response: userReply,
      },
    },
    async (request) => setRoles(ctx(request), request.params.id, request.body.roles),
  );

  app.post<{ Params: { id: string }; Body: { password: string } }>(
    '/api/users/:id/password',
    {
      ...adminOnly,
      schema: {
        tags: ['users'],
        params: idParamsSchema,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { password: passwordSchema },
          required: ['password'],
        },
      },
    },
    async (request, reply) => {
      await resetPassword(ctx(request), request.params.id, request.body.password);
      return reply.code(204).send();
    },
  );

  app.post<IdRoute>(
    '/api/users/:id/unlock',
    { ...adminOnly, schema: { tags: ['users'], params: idParamsSchema, response: userReply } },
    async (request) => unlockUser(ctx(request), request.params.id),
  );

  app.post<IdRoute>(
    '/api/users/:id/totp/reset',
    { ...adminOnly, schema: { tags: ['users'], params: idParamsSchema, response: userReply } },
    async (request) => resetTotp(ctx(request), request.params.id),
  );

  app.get(
    '/api/roles',
    {
      onRequest: [app.authenticate],
      schema: {
        tags: ['users'],
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: roleSchema } }, required: ['items'] },
        },
      },
    },
    async () => ({ items: await listRoles(app.store) }),
  );

  app.post<{ Body: { key: string; label?: { 'zh-CN'?: string; en?: string }; description?: string } }>(
    '/api/roles',
    {
      ...adminOnly,
      schema: {
        tags: ['users'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            key: roleKeySchema,
            label: {
              type: 'object',
              additionalProperties: false,
              properties: {
                'zh-CN': { type: 'string', minLength: 1, maxLength: 100 },
                en: { type: 'string', minLength: 1, maxLength: 100 },
              },
            },
            description: { type: 'string', maxLength: 500 },
          },
          required: ['key'],
        },
        response: { 201: roleSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createRole(ctx(request), request.body)),
  );
}
