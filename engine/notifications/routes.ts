// GET /api/notifications (the caller's in-app inbox) and POST …/:id/read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/index';
import { AppError } from '../errors';
import { scalarQueryHook } from '../documents/index';
import { listNotifications, markRead } from './service';

const userOf = (request: FastifyRequest): AuthUser => {
  const user = request.user as AuthUser | undefined;
  if (!user) throw new AppError('UNAUTHORIZED');
  return user;
};

const localized = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } } as const;

const notificationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    title: localized,
    message: localized,
    subject: { type: ['object', 'null'], properties: { type: { type: 'string' }, id: { type: 'string' }, number: { type: 'string' } } },
    createdAt: { type: 'string', format: 'date-time' },
    readAt: { type: ['string', 'null'], format: 'date-time' },
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
            before: { type: 'string', format: 'date-time', description: 'createdAt of the last item of the previous page' },
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
      if (!found) throw new AppError('NOT_FOUND', `You have no notification ${request.params.id}.`);
      return reply.code(204).send();
    },
  );
}
