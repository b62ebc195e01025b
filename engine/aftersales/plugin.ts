// The after-sales capability's contributions to an engine: the settle and credit
// effects (after the commit: the return and the credit follow a change that
// happened, and cannot refuse it), an exchange's replacement (issued before the
// commit, so short stock refuses the resolve; its delivery after), the SLA scan
// with its alert kind, and the analysis report.
import type { EnginePlugin } from '../context/index';
import { creditEffect } from './credit';
import { deliverReplacementEffect, issueReplacementEffect, undoReplacementIssue } from './replace';
import { afterSalesReport } from './report';
import { settleEffect } from './settle';
import { AFTER_SALES_OVERDUE, AFTER_SALES_SLA_JOB, scanAfterSalesSla } from './sla';

export const afterSalesEnginePlugin: EnginePlugin = {
  name: 'aftersales',
  register(engine) {
    engine.effects.register('after_sales.settle', settleEffect, { phase: 'after-commit' });
    engine.effects.register('after_sales.credit', creditEffect, { phase: 'after-commit' });
    // An exchange's replacement: issued before the commit (short stock refuses the resolve), delivered after it.
    engine.effects.register('after_sales.issue_replacement', issueReplacementEffect, {
      phase: 'before-commit',
      compensate: undoReplacementIssue,
    });
    engine.effects.register('after_sales.deliver_replacement', deliverReplacementEffect, { phase: 'after-commit' });
    engine.alertKinds.register(AFTER_SALES_OVERDUE, {
      title: { 'zh-CN': '售后超时', en: 'After-sales overdue' },
      job: AFTER_SALES_SLA_JOB,
    });
    engine.jobs.register('alerts', AFTER_SALES_SLA_JOB, async (_job, e) =>
      scanAfterSalesSla({ store: e.store, outbound: e.outbound, now: e.clock() }),
    );
    engine.schedules.register({ queue: 'alerts', name: AFTER_SALES_SLA_JOB, everyMs: 10 * 60_000 });
    const kind = afterSalesReport();
    engine.reportKinds.register(kind.key, kind);
  },
};
