// Finance (engine/finance): period close, vouchers, invoices, receipts.
import type { Entry } from './entry';

export const finance = {
  'RULE_FAILED.period_closed': {
    'zh-CN': '会计期间 {period} 已结账，不能再记账',
    en: 'Period {period} is closed; nothing can be posted into it',
  },
  'RULE_FAILED.voucher_unbalanced': {
    'zh-CN': '凭证借贷不平：借方 {debit}，贷方 {credit}',
    en: 'Voucher does not balance: debit {debit}, credit {credit}',
  },
  'RULE_FAILED.invoice_exceeds_shipped': {
    'zh-CN': '开票数量超过已发货未开票数量：{product} 可开 {available}，本次 {requested}',
    en: 'Invoiced quantity exceeds what was shipped and not yet invoiced: {product} has {available}, asked {requested}',
  },
  'RULE_FAILED.allocation_exceeds_open': {
    'zh-CN': '核销金额 {amount} 超过发票 {invoice} 的未收金额 {open}',
    en: 'Allocation {amount} exceeds the open amount {open} of invoice {invoice}',
  },
  'RULE_FAILED.allocation_exceeds_receipt': {
    'zh-CN': '核销合计 {allocated} 超过收款金额 {amount}',
    en: 'Allocations {allocated} exceed the receipt amount {amount}',
  },
} as const satisfies Record<string, Entry>;
