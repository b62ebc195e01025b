// The built-in capabilities' contributions to an engine: effects with their
// phase and compensation, the approval seam, jobs and their schedules. Installed
// by createEngine() before any plugin, in the web app and the workers alike.
import {
  installApprovalSeam,
  REBALANCE_REGISTRATIONS,
  rebalanceHandler,
  APPROVAL_SLA_JOB,
  scanApprovalSla,
} from '../approvals/index';
import {
  compensateCounters,
  counterEffect,
  COUNTER_EFFECT,
  deliverOutboxEntry,
  OUTBOX_DELIVER_JOB,
  purgeExpiredIdempotencyKeys,
  resumeDocumentChanges,
} from '../documents/index';
import { financeEnginePlugin } from '../finance/index';
import { fulfilmentEnginePlugin } from '../fulfilment/index';
import { documentCreateEffect } from '../flows/index';
import { registerInventoryEffects, resumePendingOperations, resumePendingTransfers } from '../inventory/index';
import { checkReceiptAgainstOrder } from '../purchasing/index';
import { afterSalesEnginePlugin } from '../aftersales/index';
import { forecastEnginePlugin } from '../forecast/index';
import { suppliersEnginePlugin } from '../suppliers/index';
import {
  FORECAST_REFRESH_JOB,
  LOW_STOCK_SCAN_JOB,
  refreshForecastPoints,
  scanReplenishment,
} from '../replenishment/index';
import { workerPlugins } from './builtins-workers';
import type { EnginePlugin } from './types';

/** The `outbox` queue's jobs: finishing work a dead process left half-done, and purging what has expired. */
export const RESUME_SWEEP_JOB = 'resume-sweep';
export const IDEMPOTENCY_PURGE_JOB = 'idempotency-purge';

const documents: EnginePlugin = {
  name: 'documents',
  register(engine) {
    // Lookup counters (documents/counter-writes.ts): a change that did not commit is undone by key.
    engine.effects.register(COUNTER_EFFECT, counterEffect, { compensate: compensateCounters });
    // Operations and transfers first: a document change's compensation may wait on one of them.
    engine.jobs.register('outbox', RESUME_SWEEP_JOB, async (_job, e) => {
      const leaseMs = e.config.inventoryLeaseMs;
      await resumePendingOperations({ store: e.store, leaseMs, outbound: e.outbound });
      await resumePendingTransfers(e.store, { leaseMs, outbound: e.outbound });
      await resumeDocumentChanges({ store: e.store, engine: e, leaseMs, log: e.log });
      return { ok: true };
    });
    engine.schedules.register({
      queue: 'outbox',
      name: RESUME_SWEEP_JOB,
      everyMs: engine.config.inventoryLeaseMs,
      runAtStart: true,
    });
    // The outbox worker: one after-commit effect whose run right after its commit failed.
    engine.jobs.register('outbox', OUTBOX_DELIVER_JOB, async (job, e) => deliverOutboxEntry(e, job, e.log));
    // Idempotency-Key records older than the replay window (documents/idempotency.ts).
    engine.jobs.register('outbox', IDEMPOTENCY_PURGE_JOB, async (_job, e) => ({
      purged: await purgeExpiredIdempotencyKeys(e.store, e.clock()),
    }));
    engine.schedules.register({ queue: 'outbox', name: IDEMPOTENCY_PURGE_JOB, everyMs: 3600_000 });
  },
};

const inventory: EnginePlugin = {
  name: 'inventory',
  register(engine) {
    // Purchasing's over-receipt check runs in the receive effect (inventory sits below purchasing).
    registerInventoryEffects(engine.effects.register, { checkReceipt: checkReceiptAgainstOrder });
  },
};

const approvals: EnginePlugin = {
  name: 'approvals',
  register(engine) {
    installApprovalSeam(engine.approvals);
    for (const [name, options] of REBALANCE_REGISTRATIONS) engine.effects.register(name, rebalanceHandler, options);
    engine.jobs.register('alerts', APPROVAL_SLA_JOB, async (_job, e) =>
      scanApprovalSla({ store: e.store, engine: e, outbound: e.outbound, now: e.clock() }),
    );
    engine.schedules.register({ queue: 'alerts', name: APPROVAL_SLA_JOB, everyMs: 10 * 60_000 });
  },
};

const flows: EnginePlugin = {
  name: 'flows',
  register(engine) {
    // After the commit: a follow-up document must not exist for a change that did
    // not happen, and creating it cannot refuse the change.
    engine.effects.register('document.create', documentCreateEffect, { phase: 'after-commit' });
  },
};

const replenishment: EnginePlugin = {
  name: 'replenishment',
  register(engine) {
    engine.alertKinds.register('low_stock', {
      title: { 'zh-CN': '库存不足', en: 'Low stock' },
      job: LOW_STOCK_SCAN_JOB,
    });
    engine.jobs.register('alerts', LOW_STOCK_SCAN_JOB, async (_job, e) =>
      scanReplenishment({ store: e.store, outbound: e.outbound, definitions: e.definitions, now: e.clock() }),
    );
    engine.schedules.register({ queue: 'alerts', name: LOW_STOCK_SCAN_JOB, everyMs: 60_000 });
    // Reorder points from the demand forecast (products with a service level), once a day.
    engine.jobs.register('alerts', FORECAST_REFRESH_JOB, async (_job, e) =>
      refreshForecastPoints({ store: e.store, definitions: e.definitions, now: e.clock() }),
    );
    engine.schedules.register({ queue: 'alerts', name: FORECAST_REFRESH_JOB, everyMs: 24 * 3_600_000 });
  },
};

export const builtinPlugins: readonly EnginePlugin[] = [
  documents,
  inventory,
  approvals,
  flows,
  replenishment,
  ...workerPlugins,
  financeEnginePlugin,
  fulfilmentEnginePlugin,
  forecastEnginePlugin,
  suppliersEnginePlugin,
  afterSalesEnginePlugin,
];
