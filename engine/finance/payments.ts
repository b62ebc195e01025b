// Money in and out: customer receipts (收款单) and supplier payments (付款单), one
// shape on both sides (ledger.ts):
// - `finance.receipt_allocate` / `finance.payment_allocate` before the commit:
//   each allocation (核销) takes its amount off the invoice's open item with a
//   guarded update — never below zero, exactly once per payment (its id is the
//   marker on the item) — and closes an item paid in full. A refused allocation
//   (more than is open) undoes the ones applied and answers 422 naming the line;
//   the compensation undoes them when the change does not commit.
// - `finance.credit_apply` before the commit: the part of the allocations paid
//   from the party's credit (an earlier overpayment, `creditAmount`) is taken off
//   the party's credit counter with a guarded update, never below zero (credits.ts).
// - `finance.receipt_post` / `finance.payment_post` after the commit: the ledger
//   entry (the part not allocated is the party's credit), credit applied, and the
//   voucher (templates.ts receiptLines / paymentLines).
import type { EffectContext, EffectHandler } from '../documents/index';
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import { addCredit, takeCredit, returnCredit } from './credits';
import { cents, insertOnce } from './invoice-post';
import { AP, AR, ledgerEntries, openItems, type Side } from './ledger';
import { postingContext, postingDate, sourceOf } from './posting-context';
import { SUMMARIES, summaryOf } from './summaries';
import { paymentLines, receiptLines } from './templates';
import { postVoucher } from './vouchers';

type Line = Record<string, unknown>;

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

async function undo(ctx: EffectContext, side: Side, invoice: string): Promise<void> {
  const marker = `allocations.${ctx.doc._id}`;
  const item = await openItems(ctx.store, side).findById(invoice);
  const amount = item?.allocations?.[ctx.doc._id];
  if (amount === undefined) return;
  await openItems(ctx.store, side).updateOne(
    { _id: invoice, [marker]: amount },
    { $inc: { openCents: amount, paidCents: -amount }, $unset: { [marker]: '' }, $set: { status: 'open' } },
  );
}

export function allocate(side: Side): { effect: EffectHandler; compensation: EffectHandler } {
  const effect: EffectHandler = async (ctx) => {
    const party = String(ctx.doc.data[side.party]);
    const marker = `allocations.${ctx.doc._id}`;
    const applied: string[] = [];
    for (const a of allocationsOf(ctx)) {
      const ok = await openItems(ctx.store, side).updateOne(
        {
          _id: a.invoice,
          [side.party]: party,
          status: 'open',
          openCents: { $gte: a.cents },
          [marker]: { $exists: false },
        },
        { $inc: { openCents: -a.cents, paidCents: a.cents }, $set: { [marker]: a.cents } },
      );
      const item = await openItems(ctx.store, side).findById(a.invoice);
      if (!ok && item?.allocations?.[ctx.doc._id] !== a.cents) {
        for (const invoice of applied) await undo(ctx, side, invoice);
        const open = item && item[side.party] === party && item.status === 'open' ? item.openCents / 100 : 0;
        const params = { amount: a.cents / 100, open, invoice: item?.number ?? a.invoice };
        const error = fieldError(`/allocations/${a.index}/amount`, 'RULE_FAILED.allocation_exceeds_open', params);
        throw new AppError('RULE_FAILED', error.message, {
          key: 'RULE_FAILED.allocation_exceeds_open',
          params,
          errors: [error],
          extra: { invoice: a.invoice, open },
        });
      }
      applied.push(a.invoice);
      await openItems(ctx.store, side).updateOne(
        { _id: a.invoice, openCents: 0, status: 'open' },
        { $set: { status: 'closed' } },
      );
    }
  };
  const compensation: EffectHandler = async (ctx) => {
    for (const a of allocationsOf(ctx)) await undo(ctx, side, a.invoice);
  };
  return { effect, compensation };
}

export function creditApply(side: Side): { effect: EffectHandler; compensation: EffectHandler } {
  const effect: EffectHandler = async (ctx) => {
    const wanted = cents(ctx.doc.data.creditAmount);
    if (wanted <= 0) return;
    const party = String(ctx.doc.data[side.party]);
    const available = await takeCredit(ctx.store, side, party, ctx.doc._id, wanted);
    if (available === null) return;
    const params = { requested: wanted / 100, available: available / 100 };
    const error = fieldError('/creditAmount', 'RULE_FAILED.credit_exceeds_available', params);
    throw new AppError('RULE_FAILED', error.message, { key: error.key, params, errors: [error] });
  };
  const compensation: EffectHandler = async (ctx) => {
    await returnCredit(ctx.store, side, String(ctx.doc.data[side.party]), ctx.doc._id);
  };
  return { effect, compensation };
}

export function paymentPost(side: Side): EffectHandler {
  return async (ctx) => {
    const d = ctx.doc.data;
    const party = String(d[side.party]);
    const amount = cents(d.amount);
    const creditAmount = Math.max(cents(d.creditAmount), 0);
    const allocated = allocationsOf(ctx).reduce((t, a) => t + a.cents, 0);
    const date = postingDate(ctx);
    const source = sourceOf(ctx);
    const doc = { type: source.type, id: source.id, number: source.number };
    const kind = side === AR ? 'receipt' : 'payment';
    // The definition's guard keeps creditAmount ≤ allocated ≤ amount + creditAmount, so what this
    // payment leaves over (new credit) is amount + creditAmount − allocated, between 0 and amount.
    const left = Math.max(amount + creditAmount - allocated, 0);
    await insertOnce(() =>
      ledgerEntries(ctx.store, side).insertOne({
        _id: `${kind}:${ctx.doc._id}`,
        [side.party]: party,
        date,
        kind,
        doc,
        debitCents: 0,
        creditCents: amount,
        unallocatedCents: left,
        at: ctx.event.at,
      }),
    );
    if (creditAmount > 0) {
      await insertOnce(() =>
        ledgerEntries(ctx.store, side).insertOne({
          _id: `credit:${ctx.doc._id}`,
          [side.party]: party,
          date,
          kind: 'credit_applied',
          doc,
          debitCents: 0,
          creditCents: 0,
          unallocatedCents: -creditAmount,
          at: ctx.event.at,
        }),
      );
    }
    await addCredit(ctx.store, side, party, ctx.doc._id, left);
    const lines =
      side === AR
        ? receiptLines({ amount, allocated, cash: d.method === 'cash' })
        : paymentLines({ amount, allocated, cash: d.method === 'cash' });
    await postVoucher(postingContext(ctx), {
      key: ctx.outboxId,
      date,
      summary: summaryOf(side === AR ? SUMMARIES.receipt : SUMMARIES.payment, ctx.doc.number),
      source,
      lines,
    });
  };
}

export const receiptPostEffect = paymentPost(AR);
export const paymentPostEffect = paymentPost(AP);
