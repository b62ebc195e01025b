// GET /api/inventory/replenishment: replenishment suggestions (open by default),
// and POST /api/inventory/replenishment/scan: run the low-stock scan now instead
// of waiting for the schedule (admin, purchasing and warehouse roles).
import type { FastifyInstance } from 'fastify';
import { scalarQueryHook, userOf } from '../http/index';
import { listParam, messageError } from '../messages/index';
import type { Filter } from '../store/index';
import { suggestions } from './check';
import { scanReplenishment } from './scan';
import type { SuggestionView } from './types';

const SCAN_ROLES = ['admin', 'purchaser', 'purchase_manager', 'warehouse_keeper'];

interface ListQuery {
  status?: 'open' | 'resolved' | 'all';
  product?: string;
  warehouse?: string;
}

const suggestionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    product: { type: 'string' },
    warehouse: { type: 'string' },
    status: { type: 'string', enum: ['open', 'resolved'] },
    projected: { type: 'number', description: 'available + incoming when it was raised' },
    reorderPoint: { type: 'number' },
    suggestedQty: { type: 'number' },
    supplier: { type: 'string', description: "the product's preferred supplier" },
    requisition: { type: 'object', properties: { id: { type: 'string' }, number: { type: 'string' } } },
    createdAt: { type: 'string', format: 'date-time' },
    resolvedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'product', 'warehouse', 'status', 'projected', 'reorderPoint', 'suggestedQty', 'createdAt'],
} as const;

export async function replenishmentRoutes(app: FastifyInstance): Promise<void> {
  const base = { tags: ['inventory'], security: [{ bearerAuth: [] }] };

  app.get<{ Querystring: ListQuery }>(
    '/api/inventory/replenishment',
    {
      onRequest: [app.authenticate],
      preValidation: scalarQueryHook,
      schema: {
        ...base,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['open', 'resolved', 'all'] },
            product: { type: 'string', minLength: 1 },
            warehouse: { type: 'string', minLength: 1 },
          },
        },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: suggestionSchema } } } },
      },
    },
    async (request) => {
      const { status = 'open', product, warehouse } = request.query;
      const filter: Filter = {};
      if (status !== 'all') filter.status = status;
      if (product !== undefined) filter.product = product;
      if (warehouse !== undefined) filter.warehouse = warehouse;
      const docs = await suggestions(app.store).find(filter, { sort: { createdAt: -1 }, limit: 1000 });
      return { items: docs.map(({ _id, gen: _gen, ...rest }): SuggestionView => ({ id: _id, ...rest })) };
    },
  );

  app.post(
    '/api/inventory/replenishment/scan',
    {
      onRequest: [app.authenticate],
      schema: {
        ...base,
        response: {
          200: {
            type: 'object',
            properties: {
              checked: { type: 'integer' },
              opened: { type: 'integer' },
              open: { type: 'integer' },
              resolved: { type: 'integer' },
            },
          },
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      if (!user.roles.some((r) => SCAN_ROLES.includes(r))) {
        throw messageError('FORBIDDEN.low_stock_scan_roles', { roles: listParam(SCAN_ROLES) });
      }
      return scanReplenishment({
        store: app.store,
        outbound: app.engine.outbound,
        definitions: app.definitions,
        now: new Date(),
      });
    },
  );
}
