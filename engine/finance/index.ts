// The public surface of engine/finance: valuation reports, vouchers, period close,
// receivables (docs/architecture.md, "Module map").
export { DEFAULT_ACCOUNTS, chartOfAccounts, type Account, type AccountRole } from './accounts';
export { assertPeriodOpen, isClosed, setPeriodClosed, PERIODS } from './periods';
export { postVoucher, VOUCHER, type Posting } from './vouchers';
export { SALES_COSTS, type SalesCostDoc } from './stock-postings';
export { financeEnginePlugin, FINANCE_REPORTS } from './plugin';
