// The public surface of engine/finance: valuation and margin reports, vouchers,
// receivables, period close (docs/architecture.md, "Module map").
export { DEFAULT_ACCOUNTS, chartOfAccounts, type Account, type AccountRole } from './accounts';
export { assertPeriodOpen, isClosed, setPeriodClosed, PERIODS } from './periods';
export { postVoucher, VOUCHER, type Posting } from './vouchers';
export { SALES_COSTS, type SalesCostDoc } from './stock-postings';
export {
  customerBalance,
  partyBalance,
  AR,
  AP,
  RECEIVABLES,
  AR_ENTRIES,
  PAYABLES,
  AP_ENTRIES,
  type CustomerBalance,
  type PartyBalance,
} from './ledger';
export { postCustomerCredit } from './credits';
export { creditCustomerForReturn } from './return-credit';
export { bookReplacementCost } from './replacement-cost';
export { financeEnginePlugin, FINANCE_REPORTS } from './plugin';
export { financeRoutes } from './routes';
