// Sales invoices after their state change commits:
// - `finance.invoice_post` on `issue`: the open item (due date from the payment
//   terms), the customer ledger entry, and the voucher 借 应收账款 价税合计 /
//   贷 主营业务收入 不含税金额 / 贷 应交税费-销项税额 税额;
//   with `{reverse: true}` on `reverse`: the red-letter (红字) voucher — the same
//   lines with negative amounts — and a reversal entry in the customer ledger.
// - `finance.invoice_reverse` before the commit: only an invoice nothing was
//   received against may be reversed (receipts are reversed first); its open item
//   is marked reversed, and the compensation puts it back.
import type { EffectHandler } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import { Dec } from '../money/index';
import { postingContext, postingDate, sourceOf } from './posting-context';
import { arEntries, openItems, type ArEntryDoc } from './receivables';
import { invoiceLines } from './templates';
import { postVoucher } from './vouchers';

const cents = (v: unknown): number => (typeof v === 'number' ? new Dec(v).times(100).toDecimalPlaces(0).toNumber() : 0);

async function insertOnce<T extends { _id: string }>(insert: () => Promise<T>): Promise<void> {
  try {
    await insert();
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

export const invoicePostEffect: EffectHandler = async (ctx) => {
  const reverse = (ctx.options as { reverse?: boolean }).reverse === true;
  const d = ctx.doc.data;
  const total = cents(d.total);
  const sign = reverse ? -1 : 1;
  const date = postingDate(ctx);
  const customer = String(d.customer);
  const source = sourceOf(ctx);
  if (!reverse) {
    await insertOnce(() =>
      openItems(ctx.store).insertOne({
        _id: ctx.doc._id,
        customer,
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
  const entry: ArEntryDoc = {
    _id: `${reverse ? 'reversal' : 'invoice'}:${ctx.doc._id}`,
    customer,
    date,
    kind: reverse ? 'reversal' : 'invoice',
    doc: { type: source.type, id: source.id, number: source.number },
    debitCents: sign * total,
    creditCents: 0,
    at: ctx.event.at,
  };
  await insertOnce(() => arEntries(ctx.store).insertOne(entry));
  await postVoucher(postingContext(ctx), {
    key: ctx.outboxId,
    date,
    summary: `${reverse ? '红字冲销销售发票' : '销售开票'} ${ctx.doc.number}`,
    source,
    lines: invoiceLines({ amount: cents(d.totalAmount), tax: cents(d.totalTax) }, reverse),
  });
};

export const invoiceReverseEffect: EffectHandler = async (ctx) => {
  const items = openItems(ctx.store);
  const done = await items.updateOne(
    { _id: ctx.doc._id, status: 'open', paidCents: 0 },
    { $set: { status: 'reversed', openCents: 0, reversedBy: ctx.outboxId } },
  );
  if (done) return;
  const item = await items.findById(ctx.doc._id);
  if (item?.reversedBy === ctx.outboxId) return; // a retry of this same reversal
  const message = 'Money was received against this invoice; reverse the receipts first';
  throw new AppError('RULE_FAILED', message, { errors: [{ path: '', message }] });
};

export const invoiceReverseCompensation: EffectHandler = async (ctx) => {
  const item = await openItems(ctx.store).findById(ctx.doc._id);
  if (item?.reversedBy !== ctx.outboxId) return;
  await openItems(ctx.store).updateOne(
    { _id: ctx.doc._id, reversedBy: ctx.outboxId },
    { $set: { status: 'open', openCents: item.amountCents }, $unset: { reversedBy: '' } },
  );
};
