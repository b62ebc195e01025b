// A refunded return credits the customer: the ledger entry that the balance's
// `credit` shows (credits.ts) and its voucher, 借 主营业务收入 / 贷 应收账款 — the
// sale's revenue given back, against what the customer owes. The goods coming
// back are booked by the return's own stock voucher. Both exactly once per return:
// the ledger entry and the voucher take their ids from it.
import type { EffectContext } from '../documents/index';
import { Dec } from '../money/index';
import { postCustomerCredit } from './credits';
import { postingContext, postingDate, sourceOf } from './posting-context';
import { SUMMARIES, summaryOf } from './summaries';
import { postVoucher } from './vouchers';

export async function creditCustomerForReturn(ctx: EffectContext, customer: string, amount: number): Promise<void> {
  const cents = new Dec(amount).times(100).toDecimalPlaces(0).toNumber();
  const date = postingDate(ctx);
  await postCustomerCredit(ctx.store, {
    key: ctx.doc._id,
    customer,
    date,
    doc: sourceOf(ctx),
    cents,
    at: ctx.event.at,
  });
  const yuan = new Dec(cents).dividedBy(100).toFixed(2);
  await postVoucher(postingContext(ctx), {
    key: `return-credit:${ctx.doc._id}`,
    date,
    summary: summaryOf(SUMMARIES.returnRefund, ctx.doc.number),
    source: sourceOf(ctx),
    lines: [
      { role: 'revenue', debit: yuan },
      { role: 'receivable', credit: yuan },
    ],
  });
}
