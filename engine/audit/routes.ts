// GET /api/audit: the security trail, newest first, admin only. Filters are typed
// strings; nothing from the query reaches the store as an object.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../http/index';
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import { listAudit, type AuditDoc } from './service';

interface AuditQuerystring {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

const entrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    action: { type: 'string' },
    at: { type: 'string' },
    actor: {
      anyOf: [
        { type: 'null' },
        { type: 'object', properties: { id: { type: 'string' }, username: { type: 'string' } } },
      ],
    },
    ip: { type: ['string', 'null'] },
    subject: { type: ['string', 'null'] },
    details: { type: 'object', additionalProperties: true },
  },
  required: ['id', 'action', 'at'],
} as const;

const toEntry = (doc: AuditDoc) => ({
  id: doc._id,
  action: doc.action,
  at: new Date(doc.at).toISOString(),
  actor: doc.actor,
  ip: doc.ip,
  subject: doc.subject,
  details: doc.details,
});

function parseDate(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new AppError('INVALID_QUERY', `"${field}" must be an ISO 8601 date or date-time.`, {
      key: 'INVALID_QUERY.not_a_date',
      params: { field },
      errors: [fieldError(`/querystring/${field}`, 'INVALID_QUERY.is_not_a_date')],
    });
  }
  return date;
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AuditQuerystring }>(
    '/api/audit',
    {
      onRequest: [app.authenticate, requireRole('admin')],
      schema: {
        tags: ['audit'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            action: { type: 'string', minLength: 1, maxLength: 100 },
            actor: { type: 'string', minLength: 1, maxLength: 100 },
            from: { type: 'string', minLength: 1, maxLength: 40 },
            to: { type: 'string', minLength: 1, maxLength: 40 },
            cursor: { type: 'string', pattern: '^[0-9a-f]{24}$' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: entrySchema }, nextCursor: { type: ['string', 'null'] } },
            required: ['items', 'nextCursor'],
          },
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listAudit(app.store, {
        action: q.action,
        actor: q.actor,
        from: parseDate(q.from, 'from'),
        to: parseDate(q.to, 'to'),
        cursor: q.cursor,
        limit: q.limit,
      });
      return { items: page.items.map(toEntry), nextCursor: page.nextCursor };
    },
  );
}
