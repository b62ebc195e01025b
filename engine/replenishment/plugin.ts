// Replenishment and alerts: indexes, GET /api/inventory/replenishment (+ scan),
// GET /api/alerts and the stocktake variance report. The low-stock scan is a
// job of the engine context (engine/context/builtins.ts), scheduled on the queue.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { alertRoutes, ensureAlertIndexes } from '../alerts/index';
import { stocktakeRoutes } from '../inventory/index';
import { replenishmentRoutes } from './routes';
import { ensureReplenishmentIndexes } from './scan';

async function replenishment(app: FastifyInstance): Promise<void> {
  await ensureReplenishmentIndexes(app.store);
  await ensureAlertIndexes(app.store);
  await app.register(replenishmentRoutes);
  await app.register(alertRoutes);
  await app.register(stocktakeRoutes);
}

export const replenishmentPlugin = fp(replenishment, {
  name: 'replenishment',
  dependencies: ['store', 'queue', 'auth', 'definitions'],
  fastify: '5.x',
});
