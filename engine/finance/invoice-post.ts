// Invoices of either side after their state change commits (ledger.ts):
// - `finance.invoice_post` (sales invoice `issue`) and `finance.bill_post`
//   (supplier invoice `submit`, once approved): the open item (due date from the
//   payment terms), the party's ledger entry, and the voucher — sales:
//   借 应收账款 价税合计 / 贷 主营业务收入 / 贷 应交税费-销项税额; supplier: see
//   templates.ts billLines. With `{reverse: true}` (the `reverse` transition): the
//   red-letter (红字) voucher — the same lines with negative amounts — and a
//   reversal entry in the ledger.
// - `finance.invoice_reverse` / `finance.bill_reverse` before the commit: only an
//   invoice nothing was paid against may be reversed (payments are reversed
//   first); its open item is marked reversed, and the compensation puts it back.
import type { LocalizedText } from '../definitions/index';
import type { EffectContext, EffectHandler } from '../documents/index';
import { DuplicateKeyError } from '../errors';
import { fieldError, messageError } from '../messages/index';
import { Dec } from '../money/index';
import { AP, AR, ledgerEntries, openItems, type LedgerEntryDoc, type Side } from './ledger';
import { postingContext, postingDate, sourceOf } from './posting-context';
import { SUMMARIES, summaryOf } from './summaries';
import { billLines, invoiceLines } from './templates';
import { postVoucher, type PostingLine } from './vouchers';

export const cents = (v: unknown): number =>
  typeof v === 'number' ? new Dec(v).times(100).toDecimalPlaces(0).toNumber() : 0;

export async function insertOnce<T extends { _id: string }>(insert: () => Promise<T>): Promise<void> {
  try {
    await insert();
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

type Line = Record<string, unknown>;

/** A supplier invoice's amount excl. VAT less what its goods came into stock at (Σ qty × PO price). */
export function priceVarianceCents(data: Record<string, unknown>): number {
  const lines = Array.isArray(data.lines) ? (data.lines as Line[]) : [];
  const received = lines.reduce(
    (t, l) => t + cents(new Dec(Number(l.qty ?? 0)).times(Number(l.poPrice ?? l.price ?? 0)).toNumber()),
    0,
  );
  return cents(data.totalAmount) - received;
}

interface InvoiceVoucher {
  summary: [LocalizedText, LocalizedText];
  lines(ctx: EffectContext, reverse: boolean): PostingLine[];
}

const VOUCHERS: Record<'customer' | 'supplier', InvoiceVoucher> = {
  customer: {
    summary: [SUMMARIES.salesInvoice, SUMMARIES.salesInvoiceReversal],
    lines: (ctx, reverse) =>
      invoiceLines({ amount: cents(ctx.doc.data.totalAmount), tax: cents(ctx.doc.data.totalTax) }, reverse),
  },
  supplier: {
    summary: [SUMMARIES.supplierInvoice, SUMMARIES.supplierInvoiceReversal],
    lines: (ctx, reverse) =>
      billLines(
        {
          total: cents(ctx.doc.data.total),
          tax: cents(ctx.doc.data.totalTax),
          variance: priceVarianceCents(ctx.doc.data),
        },
        reverse,
      ),
  },
};

export function invoicePost(side: Side): EffectHandler {
  return async (ctx) => {
    const reverse = (ctx.options as { reverse?: boolean }).reverse === true;
    const d = ctx.doc.data;
    const total = cents(d.total);
    const date = postingDate(ctx);
    const party = String(d[side.party]);
    const source = sourceOf(ctx);
    if (!reverse) {
      await insertOnce(() =>
        openItems(ctx.store, side).insertOne({
          _id: ctx.doc._id,
          [side.party]: party,
          number: ctx.doc.number,
          invoiceDate: String(d.invoiceDate),
          dueDate: String(d.dueDate ?? d.invoiceDate),
          amountCents: total,
          openCents: total,
          paidCents: 0,
          status: 'open',
          allocations: {},
        }),
      );
    }
    const entry: LedgerEntryDoc = {
      _id: `${reverse ? 'reversal' : 'invoice'}:${ctx.doc._id}`,
      [side.party]: party,
      date,
      kind: reverse ? 'reversal' : 'invoice',
      doc: { type: source.type, id: source.id, number: source.number },
      debitCents: (reverse ? -1 : 1) * total,
      creditCents: 0,
      at: ctx.event.at,
    };
    await insertOnce(() => ledgerEntries(ctx.store, side).insertOne(entry));
    const voucher = VOUCHERS[side.party];
    await postVoucher(postingContext(ctx), {
      key: ctx.outboxId,
      date,
      summary: summaryOf(voucher.summary[reverse ? 1 : 0], ctx.doc.number),
      source,
      lines: voucher.lines(ctx, reverse),
    });
  };
}

export function invoiceReverse(side: Side): { effect: EffectHandler; compensation: EffectHandler } {
  const effect: EffectHandler = async (ctx) => {
    const items = openItems(ctx.store, side);
    const done = await items.updateOne(
      { _id: ctx.doc._id, status: 'open', paidCents: 0 },
      { $set: { status: 'reversed', openCents: 0, reversedBy: ctx.outboxId } },
    );
    if (done) return;
    const item = await items.findById(ctx.doc._id);
    if (item?.reversedBy === ctx.outboxId) return; // a retry of this same reversal
    throw messageError('RULE_FAILED.invoice_has_allocations', undefined, {
      errors: [fieldError('', 'RULE_FAILED.invoice_has_allocations')],
    });
  };
  const compensation: EffectHandler = async (ctx) => {
    const item = await openItems(ctx.store, side).findById(ctx.doc._id);
    if (item?.reversedBy !== ctx.outboxId) return;
    await openItems(ctx.store, side).updateOne(
      { _id: ctx.doc._id, reversedBy: ctx.outboxId },
      { $set: { status: 'open', openCents: item.amountCents }, $unset: { reversedBy: '' } },
    );
  };
  return { effect, compensation };
}

export const invoicePostEffect = invoicePost(AR);
export const billPostEffect = invoicePost(AP);
