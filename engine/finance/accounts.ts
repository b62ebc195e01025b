// The chart of accounts postings go to. The defaults are the 小企业会计准则 codes a
// Chinese small business books with; a shop edits the chart (chart.ts, the
// /api/finance/accounts routes): renames accounts, adds its own, and points a
// posting role at another code, so a voucher export lands on the codes its
// bookkeeping software already has. `finance_accounts` holds one document per
// edited code (`role` when a posting role goes to it; `deleted` hides a default).
import type { LocalizedText } from '../definitions/index';
import type { Store, StoredDoc } from '../store/index';

export const ACCOUNTS = 'finance_accounts';

export interface Account {
  code: string;
  name: LocalizedText;
}

/** Posting roles → account. Postings name a role, never a code. */
export const DEFAULT_ACCOUNTS = {
  cash: { code: '1001', name: { 'zh-CN': '库存现金', en: 'Cash on hand' } },
  bank: { code: '1002', name: { 'zh-CN': '银行存款', en: 'Bank deposits' } },
  receivable: { code: '1122', name: { 'zh-CN': '应收账款', en: 'Accounts receivable' } },
  prepayments: { code: '1123', name: { 'zh-CN': '预付账款', en: 'Prepayments to suppliers' } },
  inputVat: { code: '222101', name: { 'zh-CN': '应交税费-应交增值税(进项税额)', en: 'VAT payable - input VAT' } },
  inventory: { code: '1405', name: { 'zh-CN': '库存商品', en: 'Inventory' } },
  payable: { code: '2202', name: { 'zh-CN': '应付账款', en: 'Accounts payable' } },
  advanceReceipts: { code: '2203', name: { 'zh-CN': '预收账款', en: 'Advances from customers' } },
  outputVat: { code: '222102', name: { 'zh-CN': '应交税费-应交增值税(销项税额)', en: 'VAT payable - output VAT' } },
  revenue: { code: '6001', name: { 'zh-CN': '主营业务收入', en: 'Main business revenue' } },
  cogs: { code: '6401', name: { 'zh-CN': '主营业务成本', en: 'Cost of goods sold' } },
  otherIncome: { code: '6301', name: { 'zh-CN': '营业外收入', en: 'Non-operating income' } },
  otherExpense: { code: '6711', name: { 'zh-CN': '营业外支出', en: 'Non-operating expenses' } },
} satisfies Record<string, Account>;

export type AccountRole = keyof typeof DEFAULT_ACCOUNTS;

export interface AccountDoc extends StoredDoc, Account {
  role?: AccountRole;
  deleted?: boolean;
}

export const isRole = (value: unknown): value is AccountRole =>
  typeof value === 'string' && Object.hasOwn(DEFAULT_ACCOUNTS, value);

export const accountDocs = (store: Store) => store.collection<AccountDoc>(ACCOUNTS);

/** The chart in force: posting role → account. Defaults, renamed or re-pointed by `finance_accounts`. */
export async function chartOfAccounts(store: Store): Promise<Record<AccountRole, Account>> {
  const chart: Record<string, Account> = { ...DEFAULT_ACCOUNTS };
  const docs = await accountDocs(store).find({});
  const byCode = new Map(docs.filter((d) => !d.deleted).map((d) => [d.code, d]));
  for (const [role, account] of Object.entries(DEFAULT_ACCOUNTS)) {
    const renamed = byCode.get(account.code);
    if (renamed) chart[role] = { code: account.code, name: renamed.name };
  }
  for (const doc of docs) {
    // A role pointed at another code; (older documents keyed by role name did the same).
    const role = doc.role ?? (isRole(doc._id) ? doc._id : undefined);
    if (role && !doc.deleted) chart[role] = { code: doc.code, name: doc.name };
  }
  return chart;
}
