// The caller's in-app inbox: GET /api/notifications, GET …/unread-count,
// POST …/:id/read, POST …/read-all; and their settings at …/preferences
// (e-mail address, language, kinds not wanted by e-mail).
import type { FastifyInstance } from 'fastify';
import { messageError } from '../messages/index';
import { scalarQueryHook, userOf } from '../http/index';
import { getPreferences, setPreferences, type Preferences } from './preferences';
import { listNotifications, markAllRead, markRead, unreadCount } from './service';

const localized = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } } as const;

const notificationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    title: localized,
    message: localized,
    subject: {
      type: ['object', 'null'],
      properties: { type: { type: 'string' }, id: { type: 'string' }, number: { type: 'string' } },
    },
    createdAt: { type: 'string', format: 'date-time' },
    readAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const preferencesSchema = {
  type: 'object',
  properties: {
    email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
    language: { type: 'string', enum: ['zh-CN', 'en'] },
    emailOptOut: {
      type: 'array',
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', pattern: '^(\\*|[a-z][a-z0-9_.]{0,63})$' },
    },
  },
} as const;

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['notifications'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.get<{ Querystring: { limit?: number; unread?: boolean; before?: string } }>(
    '/api/notifications',
    {
      preValidation: scalarQueryHook,
      schema: {
        tags,
        security,
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100 },
            unread: { type: 'boolean' },
            before: {
              type: 'string',
              format: 'date-time',
              description: 'createdAt of the last item of the previous page',
            },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: notificationSchema }, unread: { type: 'integer' } },
          },
        },
      },
    },
    async (request) =>
      listNotifications(app.store, userOf(request).id, {
        limit: request.query.limit ?? 50,
        unread: request.query.unread,
        before: request.query.before ? new Date(request.query.before) : undefined,
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        security,
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 200 } }, required: ['id'] },
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      const found = await markRead(app.store, userOf(request).id, request.params.id, app.authContext.now());
      if (!found) throw messageError('NOT_FOUND.notification', { id: request.params.id });
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/notifications/unread-count',
    { schema: { tags, security, response: { 200: { type: 'object', properties: { unread: { type: 'integer' } } } } } },
    async (request) => ({
      unread: await unreadCount(app.store, userOf(request).id),
    }),
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags, security, response: { 200: { type: 'object', properties: { marked: { type: 'integer' } } } } } },
    async (request) => ({ marked: await markAllRead(app.store, userOf(request).id, app.authContext.now()) }),
  );

  app.get(
    '/api/notifications/preferences',
    { schema: { tags, security, response: { 200: preferencesSchema } } },
    async (request) => getPreferences(app.store, userOf(request).id),
  );

  app.put<{ Body: Partial<Preferences> }>(
    '/api/notifications/preferences',
    {
      schema: {
        tags,
        security,
        body: { ...preferencesSchema, additionalProperties: false, minProperties: 1 },
        response: { 200: preferencesSchema },
      },
    },
    async (request) => setPreferences(app.store, userOf(request).id, request.body, app.authContext.now()),
  );
}
