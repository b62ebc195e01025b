// The finance capability's contributions to an engine (engine/context): its
// effects and report kinds, registered like every built-in capability's. Before
// the commit: checks and guarded updates that may refuse (with a compensation);
// after it: ledger entries and vouchers, which record a change that happened and
// cannot refuse it.
import type { EnginePlugin } from '../context/index';
import { creditFiguresHook } from './credit-figures';
import { invoiceCheckCompensation, invoiceCheckEffect } from './invoice-check';
import { invoicePostEffect, invoiceReverseCompensation, invoiceReverseEffect } from './invoice-post';
import { periodOpenEffect } from './period-effect';
import { receiptAllocateCompensation, receiptAllocateEffect, receiptPostEffect } from './receipts';
import { customerStatement } from './reports/customer-statement';
import { grossMargin } from './reports/gross-margin';
import { receivablesAging } from './reports/receivables-aging';
import { stockValue } from './reports/stock-value';
import { trialBalance } from './reports/trial-balance';
import { voucherExport } from './reports/voucher-export';
import { cogsEffect, stockVoucherEffect } from './stock-postings';

export const FINANCE_REPORTS = [
  stockValue,
  grossMargin,
  trialBalance,
  receivablesAging,
  customerStatement,
  voucherExport,
];

export const financeEnginePlugin: EnginePlugin = {
  name: 'finance',
  register(engine) {
    const { register } = engine.effects;
    // Listed first on its transition: a closed period refuses before anything changes.
    register('finance.period_open', periodOpenEffect, { phase: 'before-commit' });
    register('finance.invoice_check', invoiceCheckEffect, {
      phase: 'before-commit',
      compensate: invoiceCheckCompensation,
    });
    register('finance.invoice_reverse', invoiceReverseEffect, {
      phase: 'before-commit',
      compensate: invoiceReverseCompensation,
    });
    register('finance.receipt_allocate', receiptAllocateEffect, {
      phase: 'before-commit',
      compensate: receiptAllocateCompensation,
    });
    register('finance.invoice_post', invoicePostEffect, { phase: 'after-commit' });
    register('finance.receipt_post', receiptPostEffect, { phase: 'after-commit' });
    register('finance.cogs', cogsEffect, { phase: 'after-commit' });
    register('finance.stock_voucher', stockVoucherEffect, { phase: 'after-commit' });
    for (const kind of FINANCE_REPORTS) engine.reportKinds.register(kind.key, kind);
    // The credit guard's receivables figure on a related customer (rule-context.ts asks no collection by name).
    engine.compileHooks.register('finance.credit-figures', creditFiguresHook);
  },
};
