// GET /api/inventory/levels and /api/inventory/ledger (DESIGN §10), plus the
// inventory service's wiring: indexes, effect handlers, and a periodic sweep that
// finishes operations and transfers left half-done by a process that died.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requireRole } from '../auth/plugin';
import { scalarQueryHook } from '../documents/query-guard';
import { AppError } from '../errors';
import { registerInventoryEffects } from './effects';
import { ensureInventoryIndexes } from './indexes';
import { DEFAULT_LEASE_MS, resumePendingOperations } from './operation';
import { getLedger, getLevels } from './queries';
import { resumeDocumentChanges } from '../documents/resume-effects';
import { setInventoryTestHooks } from './test-hooks';
import { resumePendingTransfers } from './transfer';
import type { TestHooks } from '../config';

interface InventoryQuery {
  product?: string;
  warehouse?: string;
}

const quantities = {
  type: 'object',
  properties: { onHand: { type: 'number' }, reserved: { type: 'number' }, incoming: { type: 'number' }, available: { type: 'number' } },
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
    ref: { type: 'object', properties: { type: { type: 'string' }, id: { type: 'string' }, number: { type: 'string' } } },
    key: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    recovered: { type: 'boolean' },
    undoes: { type: 'string' },
  },
  required: ['id', 'kind', 'product', 'warehouse', 'delta', 'balance', 'at'],
} as const;

/**
 * The ledger names the documents behind every move (type, id, number), so it is
 * for the roles that work with stock; levels stay open to every signed-in user
 * (a sales clerk needs availability). `admin` passes every role check.
 */
export const LEDGER_ROLES = ['warehouse_keeper', 'purchaser', 'purchase_manager', 'sales_manager', 'finance_manager'] as const;

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
    async (request) => getLevels({ store: app.store, product: request.query.product, warehouse: request.query.warehouse }),
  );

  app.get<{ Querystring: InventoryQuery }>(
    '/api/inventory/ledger',
    { ...common, onRequest: [app.authenticate, requireRole(...LEDGER_ROLES)], schema: { ...schemaBase, response: { 200: { type: 'array', items: ledgerEntrySchema } } } },
    async (request) => {
      const { product, warehouse } = request.query;
      if (!product) {
        throw new AppError('INVALID_QUERY', '查询台账需要指定商品 / The ledger needs ?product=', {
          errors: [{ path: '/querystring/product', message: 'is required' }],
        });
      }
      return getLedger({ store: app.store, product, warehouse });
    },
  );
}

export interface InventoryPluginOptions {
  /** How often to look for half-done operations and transfers (default: the lease). */
  sweepEveryMs?: number;
  /** How long a claim holds before the sweep may finish the work of a process that died (default 30 s). */
  leaseMs?: number;
  /** Crash-test hooks from the config (off unless NODE_ENV=test). */
  testHooks?: TestHooks;
}

async function inventoryPlugin(app: FastifyInstance, options: InventoryPluginOptions): Promise<void> {
  await ensureInventoryIndexes(app.store);
  registerInventoryEffects();
  if (options.testHooks) setInventoryTestHooks(options.testHooks);
  await app.register(inventoryRoutes);

  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const sweep = async (): Promise<void> => {
    await resumePendingOperations({ store: app.store, leaseMs });
    await resumePendingTransfers(app.store, { leaseMs });
    // Document changes left in flight: committed, rolled forward or compensated (documents/intents.ts).
    await resumeDocumentChanges({ store: app.store, leaseMs, log: app.log });
  };
  let running: Promise<void> | null = null;
  const startSweep = (): void => {
    if (running) return;
    running = sweep()
      .catch((err: unknown) => app.log.error({ err }, 'inventory sweep failed; it runs again at the next interval'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(startSweep, options.sweepEveryMs ?? leaseMs);
  timer.unref();
  // A restart after a crash need not wait a whole interval to finish what was left half-done.
  app.addHook('onReady', async () => {
    startSweep();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

export const inventory = fp(inventoryPlugin, { name: 'inventory', dependencies: ['store', 'auth'], fastify: '5.x' });
