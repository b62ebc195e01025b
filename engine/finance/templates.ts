// The debit/credit lines of each kind of posting, as pure functions of its
// amounts (integer cents), so a property test can feed them any figures and check
// every one balances (test/finance/postings-balance.test.ts).
import type { AccountRole } from './accounts';
import type { PostingLine } from './vouchers';

const y = (cents: number): number => cents / 100;

/** 借 应收账款 价税合计 / 贷 主营业务收入 / 贷 销项税额; a red-letter reversal negates every line. */
export function invoiceLines(c: { amount: number; tax: number }, reverse = false): PostingLine[] {
  const s = reverse ? -1 : 1;
  return [
    { role: 'receivable', debit: y(s * (c.amount + c.tax)) },
    { role: 'revenue', credit: y(s * c.amount) },
    { role: 'outputVat', credit: y(s * c.tax) },
  ];
}

/** 借 现金/银行 / 贷 应收账款 (allocated) / 贷 预收账款 (the rest, the customer's credit). */
export function receiptLines(c: { amount: number; allocated: number; cash: boolean }): PostingLine[] {
  return [
    { role: c.cash ? 'cash' : 'bank', debit: y(c.amount) },
    { role: 'receivable', credit: y(c.allocated) },
    { role: 'advanceReceipts', credit: y(c.amount - c.allocated) },
  ];
}

/** 借 主营业务成本 / 贷 库存商品. */
export const cogsLines = (cogs: number): PostingLine[] => [
  { role: 'cogs', debit: y(cogs) },
  { role: 'inventory', credit: y(cogs) },
];

/** Stock value in (net > 0: 借 库存商品 / 贷 counter) or out (借 counter / 贷 库存商品). */
export function stockLines(net: number, counter: AccountRole): PostingLine[] {
  const amount = y(Math.abs(net));
  return net > 0
    ? [
        { role: 'inventory', debit: amount },
        { role: counter, credit: amount },
      ]
    : [
        { role: counter, debit: amount },
        { role: 'inventory', credit: amount },
      ];
}
