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

/** A line on the debit side for a positive amount, on the credit side for a negative one. */
const debitOrCredit = (role: AccountRole, cents: number): PostingLine =>
  cents >= 0 ? { role, debit: y(cents) } : { role, credit: y(-cents) };
/** A line on the credit side for a positive amount, on the debit side for a negative one. */
const creditOrDebit = (role: AccountRole, cents: number): PostingLine =>
  cents >= 0 ? { role, credit: y(cents) } : { role, debit: y(-cents) };
/** The red-letter form of a line: same side, negative amount. */
const negated = (l: PostingLine): PostingLine => ({
  role: l.role,
  ...(l.debit === undefined ? {} : { debit: -Number(l.debit) }),
  ...(l.credit === undefined ? {} : { credit: -Number(l.credit) }),
});

/**
 * 借 现金/银行 / 贷 应收账款 (allocated) / 贷 预收账款 (the rest, the customer's credit);
 * allocations paid partly from earlier credit (allocated > amount) 借 预收账款 instead.
 */
export function receiptLines(c: { amount: number; allocated: number; cash: boolean }): PostingLine[] {
  return [
    { role: c.cash ? 'cash' : 'bank', debit: y(c.amount) },
    { role: 'receivable', credit: y(c.allocated) },
    creditOrDebit('advanceReceipts', c.amount - c.allocated),
  ];
}

/**
 * 借 应付账款 (allocated) / 借 预付账款 (the rest, paid ahead) / 贷 现金/银行; allocations
 * paid partly from earlier prepayments (allocated > amount) 贷 预付账款 instead.
 */
export function paymentLines(c: { amount: number; allocated: number; cash: boolean }): PostingLine[] {
  return [
    { role: 'payable', debit: y(c.allocated) },
    debitOrCredit('prepayments', c.amount - c.allocated),
    { role: c.cash ? 'cash' : 'bank', credit: y(c.amount) },
  ];
}

/**
 * A supplier invoice on goods the receipt already booked at the PO price (借 库存商品 /
 * 贷 应付账款): 借 应交税费-进项税额 / 借 主营业务成本 the price variance (invoice less PO
 * price; a credit when the invoice is cheaper) / 贷 应付账款 the rest of the invoice, so
 * 应付账款 ends at the invoice total and 库存商品 stays equal to the stock value.
 * A red-letter reversal negates every line.
 */
export function billLines(c: { total: number; tax: number; variance: number }, reverse = false): PostingLine[] {
  const lines: PostingLine[] = [
    { role: 'inputVat', debit: y(c.tax) },
    debitOrCredit('cogs', c.variance),
    creditOrDebit('payable', c.tax + c.variance),
  ];
  return reverse ? lines.map(negated) : lines;
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
