// GET /api/inventory/backorders: order lines waiting for stock (缺货待分配), with
// how much of each is allocated so far and the date promised when sold against
// incoming stock. It names the orders, so it is for the ledger's roles.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { scalarQueryHook } from '../http/index';
import { backorders, type BackorderDoc, type BackorderStatus } from './backorder-records';
import { toUnits } from './quantity';
import { LEDGER_ROLES } from './routes';

interface BackorderQuery {
  product?: string;
  warehouse?: string;
  status?: BackorderStatus;
}

const itemSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    ref: {
      type: 'object',
      properties: { type: { type: 'string' }, id: { type: 'string' }, number: { type: 'string' } },
    },
    line: { type: 'integer' },
    product: { type: 'string' },
    warehouse: { type: 'string' },
    wanted: { type: 'number' },
    allocated: { type: 'number' },
    status: { type: 'string', enum: ['waiting', 'filled', 'cancelled'] },
    priority: { type: 'number' },
    promisedDate: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'ref', 'line', 'product', 'warehouse', 'wanted', 'allocated', 'status'],
} as const;

const view = (b: BackorderDoc) => ({
  id: b._id,
  ref: b.ref,
  line: b.line,
  product: b.product,
  warehouse: b.warehouse,
  wanted: toUnits(b.wanted),
  allocated: toUnits(b.allocated),
  status: b.status,
  priority: b.priority,
  promisedDate: b.promisedDate,
  createdAt: b.createdAt,
  updatedAt: b.updatedAt,
});

export async function backorderRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: BackorderQuery }>(
    '/api/inventory/backorders',
    {
      onRequest: [app.authenticate, requireRole(...LEDGER_ROLES)],
      preValidation: [scalarQueryHook],
      schema: {
        tags: ['inventory'],
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            product: { type: 'string', minLength: 1 },
            warehouse: { type: 'string', minLength: 1 },
            status: { type: 'string', enum: ['waiting', 'filled', 'cancelled'] },
          },
        },
        response: { 200: { type: 'array', items: itemSchema } },
      },
    },
    async (request) => {
      const { product, warehouse, status } = request.query;
      const filter: Record<string, string> = {};
      if (product) filter.product = product;
      if (warehouse) filter.warehouse = warehouse;
      if (status) filter.status = status;
      const rows = await backorders(app.store).find(filter, { sort: { createdAt: 1 }, limit: 500 });
      return rows.map(view);
    },
  );
}
