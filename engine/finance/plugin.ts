// The finance capability's contributions to an engine (engine/context): its
// effects and report kinds, registered like every built-in capability's.
import type { EnginePlugin } from '../context/index';
import { periodOpenEffect } from './period-effect';
import { grossMargin } from './reports/gross-margin';
import { stockValue } from './reports/stock-value';
import { trialBalance } from './reports/trial-balance';
import { cogsEffect, stockVoucherEffect } from './stock-postings';

export const FINANCE_REPORTS = [stockValue, grossMargin, trialBalance];

export const financeEnginePlugin: EnginePlugin = {
  name: 'finance',
  register(engine) {
    // Before the commit and first on its transition: a closed period refuses before anything changes.
    engine.effects.register('finance.period_open', periodOpenEffect, { phase: 'before-commit' });
    // After the commit: a voucher records a change that happened, and writing it cannot refuse the change.
    engine.effects.register('finance.cogs', cogsEffect, { phase: 'after-commit' });
    engine.effects.register('finance.stock_voucher', stockVoucherEffect, { phase: 'after-commit' });
    for (const kind of FINANCE_REPORTS) engine.reportKinds.register(kind.key, kind);
  },
};
