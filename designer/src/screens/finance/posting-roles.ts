// The posting roles an account can take (engine/finance/accounts.ts), in the words
// a shop's bookkeeper uses rather than the engine's keys.
import type { Locale } from '../../api/types';

export const POSTING_ROLES: Record<string, Record<Locale, string>> = {
  cash: { 'zh-CN': '现金收付', en: 'Cash received and paid' },
  bank: { 'zh-CN': '银行收付', en: 'Bank received and paid' },
  receivable: { 'zh-CN': '客户欠款', en: 'Owed by customers' },
  prepayments: { 'zh-CN': '预付供应商', en: 'Paid ahead to suppliers' },
  inputVat: { 'zh-CN': '进项税额', en: 'Input VAT' },
  inventory: { 'zh-CN': '库存商品价值', en: 'Stock value' },
  payable: { 'zh-CN': '欠供应商款', en: 'Owed to suppliers' },
  advanceReceipts: { 'zh-CN': '客户预收款', en: 'Received ahead from customers' },
  outputVat: { 'zh-CN': '销项税额', en: 'Output VAT' },
  revenue: { 'zh-CN': '销售收入', en: 'Sales revenue' },
  cogs: { 'zh-CN': '销售成本', en: 'Cost of sales' },
  otherIncome: { 'zh-CN': '盘盈及其他收益', en: 'Stock gains and other income' },
  otherExpense: { 'zh-CN': '盘亏及其他损失', en: 'Stock losses and other expenses' },
};

/** A role's label in `locale`; a role this screen does not know yet shows its key. */
export const postingRoleLabel = (role: string, locale: Locale): string => POSTING_ROLES[role]?.[locale] ?? role;
