// `finance.invoice_check` (sales invoice `issue`) and `finance.bill_check`
// (supplier invoice `submit`, at its final approval), before the commit: an
// invoice may bill only what its source document moved (the sales order shipped,
// the goods receipt accepted) and no earlier invoice billed — never more. One
// tally per source (`invoice_tallies`) holds each counting invoice's quantities;
// it is written with a version guard, so two invoices at the same moment cannot
// both squeeze under the limit. An entry stops counting once its invoice is
// reversed or voided; the compensation removes this key's entry when the change
// does not commit.
import { documentsCollection, type EffectContext, type EffectHandler } from '../documents/index';
import { AppError } from '../errors';
import { fieldError, messageError } from '../messages/index';
import { Dec } from '../money/index';
import type { Store, StoredDoc } from '../store/index';

export const INVOICE_TALLIES = 'invoice_tallies';
const MAX_TRIES = 50;

/** What an invoice bills from: the field naming it, its type, the states it counts in, its quantity field. */
export interface BillingSource {
  field: string;
  type: string;
  states: string[];
  qtyField: string;
  party: 'customer' | 'supplier';
  invoiceType: string;
  exceeds: 'RULE_FAILED.invoice_exceeds_shipped' | 'RULE_FAILED.bill_exceeds_received';
}

export const SALES_SOURCE: BillingSource = {
  field: 'salesOrder',
  type: 'sales_order',
  states: ['shipped', 'completed', 'closed'],
  qtyField: 'qty',
  party: 'customer',
  invoiceType: 'sales_invoice',
  exceeds: 'RULE_FAILED.invoice_exceeds_shipped',
};

export const PURCHASE_SOURCE: BillingSource = {
  field: 'goodsReceipt',
  type: 'goods_receipt',
  states: ['posted'],
  qtyField: 'acceptedQty',
  party: 'supplier',
  invoiceType: 'supplier_invoice',
  exceeds: 'RULE_FAILED.bill_exceeds_received',
};

interface TallyEntry {
  key: string;
  /** product → milli-units */
  lines: Record<string, number>;
}

interface TallyDoc extends StoredDoc {
  entries: Record<string, TallyEntry>;
  version: number;
}

type Line = Record<string, unknown>;

const milli = (qty: unknown): number =>
  typeof qty === 'number' ? new Dec(qty).times(1000).toDecimalPlaces(0).toNumber() : 0;

function perProduct(lines: unknown, qtyField: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of Array.isArray(lines) ? (lines as Line[]) : []) {
    if (typeof line.product === 'string') out.set(line.product, (out.get(line.product) ?? 0) + milli(line[qtyField]));
  }
  return out;
}

const tallies = (store: Store) => store.collection<TallyDoc>(INVOICE_TALLIES);

async function stillCounting(
  store: Store,
  source: BillingSource,
  entries: Record<string, TallyEntry>,
  self: string,
): Promise<TallyEntry[]> {
  const ids = Object.keys(entries).filter((id) => id !== self);
  if (ids.length === 0) return [];
  const invoices = await documentsCollection(store, source.invoiceType).find({ _id: { $in: ids } });
  const gone = new Set(invoices.filter((d) => d.state === 'reversed' || d.state === 'cancelled').map((d) => d._id));
  return ids.filter((id) => !gone.has(id)).map((id) => entries[id]);
}

async function sourceQuantities(ctx: EffectContext, source: BillingSource): Promise<Map<string, number>> {
  const id = String(ctx.doc.data[source.field] ?? '');
  const doc = id ? await documentsCollection(ctx.store, source.type).findById(id) : null;
  const params = { source: doc?.number ?? id };
  if (!doc || !source.states.includes(doc.state)) {
    const error = fieldError(`/${source.field}`, 'RULE_FAILED.invoice_source_not_ready', params);
    throw new AppError('RULE_FAILED', error.message, { key: error.key, params, errors: [error] });
  }
  if (doc.data[source.party] !== ctx.doc.data[source.party]) {
    const error = fieldError(`/${source.party}`, 'RULE_FAILED.invoice_party_mismatch', params);
    throw new AppError('RULE_FAILED', error.message, { key: error.key, params, errors: [error] });
  }
  return perProduct(doc.data.lines, source.qtyField);
}

function overBilled(ctx: EffectContext, source: BillingSource, product: string, available: number, qty: number) {
  const index = (ctx.doc.data.lines as Line[]).findIndex((l) => l.product === product);
  const params = { product, available: available / 1000, requested: qty / 1000 };
  const error = fieldError(`/lines/${index}/qty`, source.exceeds, params);
  return new AppError('RULE_FAILED', error.message, { key: source.exceeds, params, errors: [error] });
}

export function billingCheck(source: BillingSource): { effect: EffectHandler; compensation: EffectHandler } {
  const effect: EffectHandler = async (ctx) => {
    const sourceId = String(ctx.doc.data[source.field] ?? '');
    const moved = await sourceQuantities(ctx, source);
    const wanted = perProduct(ctx.doc.data.lines, 'qty');
    for (let tries = 0; tries < MAX_TRIES; tries += 1) {
      const tally = (await tallies(ctx.store).findById(sourceId)) ?? { _id: sourceId, entries: {}, version: 0 };
      const others = await stillCounting(ctx.store, source, tally.entries, ctx.doc._id);
      for (const [product, qty] of wanted) {
        const billed = others.reduce((t, e) => t + (e.lines[product] ?? 0), 0);
        const available = (moved.get(product) ?? 0) - billed;
        if (qty > available) throw overBilled(ctx, source, product, available, qty);
      }
      const entry: TallyEntry = { key: ctx.outboxId, lines: Object.fromEntries(wanted) };
      const $set = { [`entries.${ctx.doc._id}`]: entry };
      if (tally.version === 0) {
        try {
          await tallies(ctx.store).insertOne({ _id: sourceId, entries: { [ctx.doc._id]: entry }, version: 1 });
          return;
        } catch {
          continue; // a concurrent first invoice created it: check again
        }
      }
      if (await tallies(ctx.store).updateOne({ _id: sourceId, version: tally.version }, { $set, $inc: { version: 1 } }))
        return;
    }
    throw messageError('VERSION_CONFLICT.invoices_changing');
  };

  /** Removes this key's entry (the change did not commit); nothing to undo returns at once. */
  const compensation: EffectHandler = async (ctx) => {
    const sourceId = String(ctx.doc.data[source.field] ?? '');
    const marker = `entries.${ctx.doc._id}`;
    await tallies(ctx.store).updateOne(
      { _id: sourceId, [`${marker}.key`]: ctx.outboxId },
      { $unset: { [marker]: '' }, $inc: { version: 1 } },
    );
  };
  return { effect, compensation };
}
