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
  'RULE_FAILED.bill_exceeds_received': {
    'zh-CN': '发票数量超过已入库未开票数量：{product} 可开 {available}，本次 {requested}',
    en: 'Invoiced quantity exceeds what was received and not yet invoiced: {product} has {available}, asked {requested}',
  },
  'RULE_FAILED.invoice_source_not_ready': {
    'zh-CN': '单据 {source} 尚未发货或入库，不能开票',
    en: 'Document {source} has not shipped or been received; only moved goods are invoiced',
  },
  'RULE_FAILED.invoice_party_mismatch': {
    'zh-CN': '发票的往来单位与单据 {source} 不一致',
    en: 'The invoice is not for the customer or supplier of {source}',
  },
  'RULE_FAILED.credit_exceeds_available': {
    'zh-CN': '使用预收/预付余额 {requested} 超过可用余额 {available}',
    en: 'Credit applied {requested} exceeds the credit available {available}',
  },
  'RULE_FAILED.account_in_use': {
    'zh-CN': '科目 {code} 已有凭证使用，不能删除',
    en: 'Account {code} is used by vouchers and cannot be deleted',
  },
  'NOT_FOUND.account': { 'zh-CN': '科目表中没有科目 {code}', en: 'No account {code} in the chart' },
  'VERSION_CONFLICT.invoices_changing': {
    'zh-CN': '这张单据的发票正在被同时修改，请稍后重试',
    en: 'Invoices of this document are changing too fast; retry shortly',
  },
  'RULE_FAILED.invoice_has_allocations': {
    'zh-CN': '这张发票已有收付款核销，请先冲销相关收款或付款',
    en: 'Money was allocated against this invoice; reverse the receipts or payments first',
  },
  'VALIDATION_FAILED.period_not_a_month': {
    'zh-CN': '会计期间应为月份，格式 YYYY-MM',
    en: 'A period is a month: YYYY-MM',
  },
  'VALIDATION_FAILED.must_be_year_month': { 'zh-CN': '格式应为 YYYY-MM', en: 'must be YYYY-MM' },
  'RULE_FAILED.period_is_closed': { 'zh-CN': '会计期间 {period} 已结账', en: 'period {period} is closed' },
} as const satisfies Record<string, Entry>;
