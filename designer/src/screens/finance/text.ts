// The finance screens' own words in zh-CN and en, kept beside the screens (the
// shared resources in designer/src/i18n stay small for everyone's routes).
import { useI18n } from '../../i18n/locale';

const TEXT = {
  finance: ['财务', 'Finance'],
  receivables: ['应收账款', 'Receivables'],
  payables: ['应付账款', 'Payables'],
  statement: ['对账单', 'Statement'],
  vouchers: ['凭证', 'Vouchers'],
  trialBalance: ['试算平衡表', 'Trial balance'],
  periods: ['会计期间', 'Periods'],
  accounts: ['会计科目', 'Chart of accounts'],
  customer: ['客户', 'Customer'],
  supplier: ['供应商', 'Supplier'],
  open: ['未结余额', 'Open'],
  overdue: ['已逾期', 'Overdue'],
  balance: ['余额', 'Balance'],
  credit: ['预收/预付余额', 'Credit'],
  asOf: ['截止日期', 'As of'],
  from: ['开始日期', 'From'],
  to: ['结束日期', 'To'],
  period: ['期间', 'Period'],
  show: ['查询', 'Show'],
  viewStatement: ['查看对账单', 'Statement'],
  newReceipt: ['新建收款单（核销发票）', 'New receipt (allocate to invoices)'],
  newPayment: ['新建付款单（核销发票）', 'New payment (allocate to invoices)'],
  invoices: ['发票', 'Invoices'],
  pickParty: ['请选择往来单位', 'Pick a customer or supplier'],
  side: ['类型', 'Kind'],
  date: ['日期', 'Date'],
  number: ['凭证号', 'Voucher no.'],
  summary: ['摘要', 'Summary'],
  debit: ['借方', 'Debit'],
  credit2: ['贷方', 'Credit'],
  account: ['科目', 'Account'],
  close: ['结账', 'Close'],
  reopen: ['反结账', 'Reopen'],
  closed: ['已结账', 'Closed'],
  openState: ['未结账', 'Open'],
  state: ['状态', 'State'],
  changedAt: ['结账/反结账时间', 'Closed or reopened at'],
  month: ['月份', 'Month'],
  code: ['科目编码', 'Code'],
  nameZh: ['中文名称', 'Chinese name'],
  nameEn: ['英文名称', 'English name'],
  role: ['记账用途', 'Posting role'],
  inUse: ['已使用', 'In use'],
  addAccount: ['新增科目', 'Add account'],
  edit: ['编辑', 'Edit'],
  delete: ['删除', 'Delete'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  confirmDelete: ['确定删除该科目？', 'Delete this account?'],
  saved: ['已保存', 'Saved'],
  totals: ['合计', 'Totals'],
  balanced: ['借贷平衡', 'Debits equal credits'],
  unbalanced: ['借贷不平', 'Debits and credits differ'],
  noData: ['暂无数据', 'Nothing here yet'],
} as const;

export type FinanceText = keyof typeof TEXT;

export function useFinanceText(): (key: FinanceText) => string {
  const { locale } = useI18n();
  return (key) => TEXT[key][locale === 'en' ? 1 : 0];
}
