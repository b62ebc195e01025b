// Customer receipts (收款单):
// - `finance.receipt_allocate` before the commit: each allocation (核销) takes
//   its amount off the invoice's open item with a guarded update — never below
//   zero, exactly once per receipt (the receipt's id is the marker on the item) —
//   and closes an item paid in full. A refused allocation (more than is open)
//   undoes the ones applied and answers 422 naming the line; the compensation
//   undoes them when the post does not commit.
// - `finance.receipt_post` after the commit: the customer ledger entry (the part
//   not allocated is the customer's credit) and the voucher 借 库存现金 (cash) or
//   银行存款 (transfer, WeChat Pay, Alipay, card) / 贷 应收账款 (allocated) /
//   贷 预收账款 (credit).
import type { EffectContext, EffectHandler } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import { Dec } from '../money/index';
import { postingContext, postingDate, sourceOf } from './posting-context';
import { arEntries, openItems } from './receivables';
import { receiptLines } from './templates';
import { postVoucher } from './vouchers';

type Line = Record<string, unknown>;

const cents = (v: unknown): number => (typeof v === 'number' ? new Dec(v).times(100).toDecimalPlaces(0).toNumber() : 0);

/** Allocations per invoice (two lines on one invoice add up), with the first line's index for errors. */
function allocationsOf(ctx: EffectContext): Array<{ invoice: string; cents: number; index: number }> {
  const lines = Array.isArray(ctx.doc.data.allocations) ? (ctx.doc.data.allocations as Line[]) : [];
  const out = new Map<string, { invoice: string; cents: number; index: number }>();
  lines.forEach((line, index) => {
    const invoice = String(line.invoice ?? '');
    const earlier = out.get(invoice);
    out.set(invoice, { invoice, cents: (earlier?.cents ?? 0) + cents(line.amount), index: earlier?.index ?? index });
  });
  return [...out.values()].filter((a) => a.cents > 0);
}

async function undo(ctx: EffectContext, invoice: string): Promise<void> {
  const marker = `allocations.${ctx.doc._id}`;
  const item = await openItems(ctx.store).findById(invoice);
  const amount = item?.allocations?.[ctx.doc._id];
  if (amount === undefined) return;
  await openItems(ctx.store).updateOne(
    { _id: invoice, [marker]: amount },
    { $inc: { openCents: amount, paidCents: -amount }, $unset: { [marker]: '' }, $set: { status: 'open' } },
  );
}

export const receiptAllocateEffect: EffectHandler = async (ctx) => {
  const customer = String(ctx.doc.data.customer);
  const marker = `allocations.${ctx.doc._id}`;
  const applied: string[] = [];
  for (const a of allocationsOf(ctx)) {
    const ok = await openItems(ctx.store).updateOne(
      { _id: a.invoice, customer, status: 'open', openCents: { $gte: a.cents }, [marker]: { $exists: false } },
      { $inc: { openCents: -a.cents, paidCents: a.cents }, $set: { [marker]: a.cents } },
    );
    const item = await openItems(ctx.store).findById(a.invoice);
    if (!ok && item?.allocations?.[ctx.doc._id] !== a.cents) {
      for (const invoice of applied) await undo(ctx, invoice);
      const open = item && item.customer === customer && item.status === 'open' ? item.openCents / 100 : 0;
      throw new AppError('RULE_FAILED', `Allocation ${a.cents / 100} exceeds the open amount ${open}`, {
        key: 'RULE_FAILED.allocation_exceeds_open',
        params: { amount: a.cents / 100, open, invoice: item?.number ?? a.invoice },
        errors: [{ path: `/allocations/${a.index}/amount`, message: `exceeds the open amount ${open}` }],
        extra: { invoice: a.invoice, open },
      });
    }
    applied.push(a.invoice);
    await openItems(ctx.store).updateOne(
      { _id: a.invoice, openCents: 0, status: 'open' },
      { $set: { status: 'closed' } },
    );
  }
};

export const receiptAllocateCompensation: EffectHandler = async (ctx) => {
  for (const a of allocationsOf(ctx)) await undo(ctx, a.invoice);
};

export const receiptPostEffect: EffectHandler = async (ctx) => {
  const d = ctx.doc.data;
  const amount = cents(d.amount);
  const allocated = allocationsOf(ctx).reduce((t, a) => t + a.cents, 0);
  const date = postingDate(ctx);
  const source = sourceOf(ctx);
  try {
    await arEntries(ctx.store).insertOne({
      _id: `receipt:${ctx.doc._id}`,
      customer: String(d.customer),
      date,
      kind: 'receipt',
      doc: { type: source.type, id: source.id, number: source.number },
      debitCents: 0,
      creditCents: amount,
      unallocatedCents: amount - allocated,
      at: ctx.event.at,
    });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
  await postVoucher(postingContext(ctx), {
    key: ctx.outboxId,
    date,
    summary: `收款 ${ctx.doc.number}`,
    source,
    lines: receiptLines({ amount, allocated, cash: d.method === 'cash' }),
  });
};
