// The fulfilment capability's contributions to an engine (engine/context): the
// shipping effects (effects.ts) and the sweep that allocates arrived stock to
// waiting backorders that no arrival's own effect reached (a process died, or
// stock was freed by a cancellation).
import type { EnginePlugin } from '../context/index';
import { allocateAllWaiting } from '../inventory/index';
import { shipDeliveryEffect, shipOrderEffect, syncOrderEffect, undoShipment } from './effects';

export const BACKORDER_SWEEP_JOB = 'backorder-sweep';

export const fulfilmentEnginePlugin: EnginePlugin = {
  name: 'fulfilment',
  register(engine) {
    const { register } = engine.effects;
    register('fulfilment.ship', shipDeliveryEffect, { phase: 'before-commit', compensate: undoShipment });
    register('fulfilment.ship_order', shipOrderEffect, { phase: 'before-commit', compensate: undoShipment });
    register('fulfilment.sync', syncOrderEffect, { phase: 'after-commit' });
    engine.jobs.register('outbox', BACKORDER_SWEEP_JOB, async (_job, e) => ({
      pairs: await allocateAllWaiting(e.store),
    }));
    engine.schedules.register({ queue: 'outbox', name: BACKORDER_SWEEP_JOB, everyMs: engine.config.inventoryLeaseMs });
  },
};
