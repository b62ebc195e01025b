// The suppliers capability's contributions to an engine: the `supplier_scorecard`
// report and the daily rating job (scheduled like the other scans).
import type { EnginePlugin } from '../context/index';
import { SUPPLIER_RATING_JOB, updateSupplierRatings } from './rating';
import { supplierScorecardReport } from './report';

export const suppliersEnginePlugin: EnginePlugin = {
  name: 'suppliers',
  register(engine) {
    const kind = supplierScorecardReport();
    engine.reportKinds.register(kind.key, kind);
    engine.jobs.register('reports', SUPPLIER_RATING_JOB, async (_job, e) =>
      updateSupplierRatings({ engine: e, now: e.clock() }),
    );
    engine.schedules.register({ queue: 'reports', name: SUPPLIER_RATING_JOB, everyMs: 24 * 3_600_000 });
  },
};
