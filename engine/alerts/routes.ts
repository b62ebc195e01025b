// GET /api/alerts: open alerts (default), or ?status=resolved|all, ?kind=low_stock.
import type { FastifyInstance } from 'fastify';
import { scalarQueryHook } from '../http/index';
import { listAlerts, type AlertQuery } from './service';

const localized = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } } as const;

const alertSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', description: 'e.g. low_stock' },
    subject: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        id: { type: 'string' },
        warehouse: { type: 'string' },
        label: { type: 'string' },
      },
    },
    message: localized,
    details: { type: 'object', additionalProperties: true },
    status: { type: 'string', enum: ['open', 'resolved'] },
    raisedAt: { type: 'string', format: 'date-time' },
    resolvedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'kind', 'subject', 'message', 'raisedAt', 'status'],
} as const;

export async function alertRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AlertQuery }>(
    '/api/alerts',
    {
      onRequest: [app.authenticate],
      preValidation: scalarQueryHook,
      schema: {
        tags: ['alerts'],
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['open', 'resolved', 'all'] },
            kind: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
          },
        },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: alertSchema } } } },
      },
    },
    async (request) => ({ items: await listAlerts(app.store, request.query) }),
  );
}
