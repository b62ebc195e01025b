// GET /api/inventory/levels and /api/inventory/ledger (DESIGN §10) and the
// inventory indexes. The effect handlers and the resume sweep (a repeatable job on
// the queue, workers/outbox) belong to the engine context (inventory/contribution.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requireRole } from '../auth/index';
import { scalarQueryHook } from '../http/index';
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import { ensureInventoryIndexes } from './indexes';
import { getLedger, getLevels } from './queries';
import { backorderRoutes } from './backorder-routes';

interface InventoryQuery {
  product?: string;
  warehouse?: string;
}

const quantities = {
  type: 'object',
  properties: {
    onHand: { type: 'number' },
    reserved: { type: 'number' },
    incoming: { type: 'number' },
    available: { type: 'number' },
  },
} as const;

const levelSchema = {
  type: 'object',
  properties: {
    product: { type: 'string' },
    warehouse: { type: 'string' },
    batch: { type: 'string' },
    expiry: { type: 'string' },
    ...quantities.properties,
    projected: { type: 'number' },
    unitCost: { type: 'number', description: 'Moving weighted average cost of product × warehouse' },
    value: { type: 'number', description: 'Stock value of this row (yuan)' },
  },
  required: ['product', 'warehouse', 'onHand', 'reserved', 'incoming', 'available', 'projected'],
} as const;

const ledgerEntrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    product: { type: 'string' },
    warehouse: { type: 'string' },
    batch: { type: 'string' },
    expiry: { type: 'string' },
    delta: quantities,
    before: quantities,
    after: quantities,
    balance: { type: 'number', description: 'Running onHand of the queried product (× warehouse) after this move' },
    ref: {
      type: 'object',
      properties: { type: { type: 'string' }, id: { type: 'string' }, number: { type: 'string' } },
    },
    key: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    recovered: { type: 'boolean' },
    undoes: { type: 'string' },
    unitCost: { type: 'number' },
    value: { type: 'number' },
  },
  required: ['id', 'kind', 'product', 'warehouse', 'delta', 'balance', 'at'],
} as const;

/**
 * The ledger names the documents behind every move (type, id, number), so it is
 * for the roles that work with stock; levels stay open to every signed-in user
 * (a sales clerk needs availability). `admin` passes every role check.
 */
export const LEDGER_ROLES = [
  'warehouse_keeper',
  'purchaser',
  'purchase_manager',
  'sales_manager',
  'finance_manager',
] as const;

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: { product: { type: 'string', minLength: 1 }, warehouse: { type: 'string', minLength: 1 } },
} as const;

async function inventoryRoutes(app: FastifyInstance): Promise<void> {
  const common = { onRequest: [app.authenticate], preValidation: [scalarQueryHook] };
  const schemaBase = { tags: ['inventory'], security: [{ bearerAuth: [] }], querystring };

  app.get<{ Querystring: InventoryQuery }>(
    '/api/inventory/levels',
    { ...common, schema: { ...schemaBase, response: { 200: { type: 'array', items: levelSchema } } } },
    async (request) =>
      getLevels({ store: app.store, product: request.query.product, warehouse: request.query.warehouse }),
  );

  app.get<{ Querystring: InventoryQuery }>(
    '/api/inventory/ledger',
    {
      ...common,
      onRequest: [app.authenticate, requireRole(...LEDGER_ROLES)],
      schema: { ...schemaBase, response: { 200: { type: 'array', items: ledgerEntrySchema } } },
    },
    async (request) => {
      const { product, warehouse } = request.query;
      if (!product) {
        throw new AppError('INVALID_QUERY', 'The ledger needs ?product=', {
          key: 'INVALID_QUERY.ledger_needs_product',
          errors: [fieldError('/querystring/product', 'VALIDATION_FAILED.required')],
        });
      }
      return getLedger({ store: app.store, product, warehouse });
    },
  );
}

async function inventoryPlugin(app: FastifyInstance): Promise<void> {
  await ensureInventoryIndexes(app.store);
  await app.register(inventoryRoutes);
  await app.register(backorderRoutes);
}

export const inventory = fp(inventoryPlugin, { name: 'inventory', dependencies: ['store', 'auth'], fastify: '5.x' });
