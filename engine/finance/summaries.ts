// Voucher summaries (摘要) in both languages. A voucher is written once and read in
// either language for years, so it stores the summary and the account names in
// zh-CN (`summary`, `accountName`, as always) and in English beside them
// (`summaryEn`, `accountNameEn`); readers fall back to the zh-CN text for vouchers
// written before the English fields existed.
import type { LocalizedText } from '../definitions/index';

const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** What each kind of posting is called; a summary is one of these and the document number. */
export const SUMMARIES = {
  salesInvoice: text('销售开票', 'Sales invoice'),
  salesInvoiceReversal: text('红字冲销销售发票', 'Red-letter reversal of sales invoice'),
  supplierInvoice: text('采购发票', 'Supplier invoice'),
  supplierInvoiceReversal: text('红字冲销采购发票', 'Red-letter reversal of supplier invoice'),
  receipt: text('收款', 'Receipt'),
  payment: text('付款', 'Payment'),
  salesCost: text('销售出库成本', 'Cost of goods shipped'),
  replacementCost: text('换货出库成本', 'Cost of replacement goods shipped'),
  returnRefund: text('退货退款', 'Return refund'),
  stockChange: text('库存变动', 'Stock change'),
} satisfies Record<string, LocalizedText>;

const isLocalized = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && typeof (v as LocalizedText)['zh-CN'] === 'string';

/**
 * "销售开票 XS-0001" / "Sales invoice XS-0001". `label` may come from a definition's
 * effect options: `{zh-CN, en}`, or a plain string (older definitions) used for both.
 */
export function summaryOf(label: LocalizedText | string, number: string | undefined): LocalizedText {
  const { 'zh-CN': zh, en } = isLocalized(label) ? label : text(label, label);
  const tail = number ? ` ${number}` : '';
  return text(`${zh}${tail}`, `${en || zh}${tail}`);
}

/** A voucher's (or line's) text in `locale`: the English field when there is one, else the zh-CN text. */
export function voucherText(zh: unknown, en: unknown, locale: 'zh-CN' | 'en' | undefined): string {
  if (locale === 'en' && typeof en === 'string' && en !== '') return en;
  return typeof zh === 'string' ? zh : '';
}

export const asSummaryLabel = (v: unknown): LocalizedText | string | undefined =>
  isLocalized(v) || typeof v === 'string' ? v : undefined;
