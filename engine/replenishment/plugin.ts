// Replenishment and alerts: indexes, GET /api/inventory/replenishment (+ scan),
// GET /api/alerts, the stocktake variance report, and the low-stock scan
// scheduled on the `alerts` queue (run by workers/alerts/low-stock.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { alertRoutes, ensureAlertIndexes } from '../alerts/index';
import { stocktakeRoutes } from '../inventory/index';
import { replenishmentRoutes } from './routes';
import { ensureReplenishmentIndexes, LOW_STOCK_SCAN_JOB } from './scan';

export interface ReplenishmentOptions {
  /** How often the low-stock scan runs (default 60 s). */
  scanEveryMs?: number;
}

async function replenishment(app: FastifyInstance, options: ReplenishmentOptions): Promise<void> {
  await ensureReplenishmentIndexes(app.store);
  await ensureAlertIndexes(app.store);
  await app.register(replenishmentRoutes);
  await app.register(alertRoutes);
  await app.register(stocktakeRoutes);
  await app.queue.repeat('alerts', LOW_STOCK_SCAN_JOB, {}, { key: LOW_STOCK_SCAN_JOB, everyMs: options.scanEveryMs ?? 60_000 });
}

export const replenishmentPlugin = fp(replenishment, {
  name: 'replenishment',
  dependencies: ['store', 'queue', 'auth', 'definitions'],
  fastify: '5.x',
});
