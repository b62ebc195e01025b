// The finance capability's contributions to an engine (engine/context): its
// effects and report kinds, registered like every built-in capability's. Before
// the commit: checks and guarded updates that may refuse (with a compensation);
// after it: ledger entries and vouchers, which record a change that happened and
// cannot refuse it. Receivables and payables register the same handlers, each
// for its side (ledger.ts).
import type { EnginePlugin } from '../context/index';
import type { EffectHandler } from '../documents/index';
import { billingCheck, PURCHASE_SOURCE, SALES_SOURCE } from './invoice-check';
import { billPostEffect, invoicePostEffect, invoiceReverse } from './invoice-post';
import { AP, AR } from './ledger';
import { creditFiguresHook } from './credit-figures';
import { periodOpenEffect } from './period-effect';
import { allocate, creditApply, paymentPostEffect, receiptPostEffect } from './payments';
import { customerStatement, supplierStatement } from './reports/statement';
import { grossMargin } from './reports/gross-margin';
import { payablesAging, receivablesAging } from './reports/aging';
import { stockValue } from './reports/stock-value';
import { trialBalance } from './reports/trial-balance';
import { voucherExport } from './reports/voucher-export';
import { cogsEffect, stockVoucherEffect } from './stock-postings';

export const FINANCE_REPORTS = [
  stockValue,
  grossMargin,
  trialBalance,
  receivablesAging,
  payablesAging,
  customerStatement,
  supplierStatement,
  voucherExport,
];

type Guarded = { effect: EffectHandler; compensation: EffectHandler };

const BEFORE_COMMIT: Record<string, Guarded> = {
  'finance.invoice_check': billingCheck(SALES_SOURCE),
  'finance.bill_check': billingCheck(PURCHASE_SOURCE),
  'finance.invoice_reverse': invoiceReverse(AR),
  'finance.bill_reverse': invoiceReverse(AP),
  'finance.receipt_allocate': allocate(AR),
  'finance.payment_allocate': allocate(AP),
  'finance.credit_apply': creditApply(AR),
  'finance.prepayment_apply': creditApply(AP),
};

const AFTER_COMMIT: Record<string, EffectHandler> = {
  'finance.invoice_post': invoicePostEffect,
  'finance.bill_post': billPostEffect,
  'finance.receipt_post': receiptPostEffect,
  'finance.payment_post': paymentPostEffect,
  'finance.cogs': cogsEffect,
  'finance.stock_voucher': stockVoucherEffect,
};

export const financeEnginePlugin: EnginePlugin = {
  name: 'finance',
  register(engine) {
    const { register } = engine.effects;
    // Listed first on its transition: a closed period refuses before anything changes.
    register('finance.period_open', periodOpenEffect, { phase: 'before-commit' });
    for (const [name, { effect, compensation }] of Object.entries(BEFORE_COMMIT)) {
      register(name, effect, { phase: 'before-commit', compensate: compensation });
    }
    for (const [name, effect] of Object.entries(AFTER_COMMIT)) register(name, effect, { phase: 'after-commit' });
    for (const kind of FINANCE_REPORTS) engine.reportKinds.register(kind.key, kind);
    // The credit guard's receivables figure on a related customer (rule-context.ts asks no collection by name).
    engine.compileHooks.register('finance.credit-figures', creditFiguresHook);
  },
};
