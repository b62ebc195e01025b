// `finance.invoice_check` (sales invoice `issue`, before the commit): an invoice
// may bill only what its order shipped and no earlier invoice billed — never
// more. One tally per order (`invoice_tallies`) holds each issued invoice's
// quantities; it is written with a version guard, so two invoices issued at the
// same moment cannot both squeeze under the limit. An entry stops counting once
// its invoice is reversed or voided; the compensation removes this key's entry
// when the issue does not commit.
import { documentsCollection, type EffectContext, type EffectHandler } from '../documents/index';
import { AppError } from '../errors';
import { Dec } from '../money/index';
import type { Store, StoredDoc } from '../store/index';

export const INVOICE_TALLIES = 'invoice_tallies';
const SHIPPED_STATES = ['shipped', 'completed', 'closed'];
const MAX_TRIES = 50;

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

function perProduct(lines: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of Array.isArray(lines) ? (lines as Line[]) : []) {
    if (typeof line.product === 'string') out.set(line.product, (out.get(line.product) ?? 0) + milli(line.qty));
  }
  return out;
}

const tallies = (store: Store) => store.collection<TallyDoc>(INVOICE_TALLIES);

function refuse(path: string, message: string, key: 'RULE_FAILED.invoice_exceeds_shipped' | undefined, params = {}) {
  return new AppError('RULE_FAILED', message, { errors: [{ path, message }], ...(key ? { key, params } : {}) });
}

async function stillCounting(store: Store, entries: Record<string, TallyEntry>, self: string): Promise<TallyEntry[]> {
  const ids = Object.keys(entries).filter((id) => id !== self);
  if (ids.length === 0) return [];
  const invoices = await documentsCollection(store, 'sales_invoice').find({ _id: { $in: ids } });
  const gone = new Set(invoices.filter((d) => d.state === 'reversed' || d.state === 'cancelled').map((d) => d._id));
  return ids.filter((id) => !gone.has(id)).map((id) => entries[id]);
}

async function orderShipped(ctx: EffectContext): Promise<{ id: string; shipped: Map<string, number> }> {
  const id = String(ctx.doc.data.salesOrder ?? '');
  const order = id ? await documentsCollection(ctx.store, 'sales_order').findById(id) : null;
  if (!order || !SHIPPED_STATES.includes(order.state)) {
    throw refuse(
      '/salesOrder',
      `Sales order ${order?.number ?? id} has not shipped; only shipped goods are invoiced`,
      undefined,
    );
  }
  if (order.data.customer !== ctx.doc.data.customer) {
    throw refuse('/customer', `The invoice's customer is not the customer of order ${order.number}`, undefined);
  }
  return { id, shipped: perProduct(order.data.lines) };
}

export const invoiceCheckEffect: EffectHandler = async (ctx) => {
  const { id: orderId, shipped } = await orderShipped(ctx);
  const wanted = perProduct(ctx.doc.data.lines);
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const tally = (await tallies(ctx.store).findById(orderId)) ?? { _id: orderId, entries: {}, version: 0 };
    const others = await stillCounting(ctx.store, tally.entries, ctx.doc._id);
    for (const [product, qty] of wanted) {
      const billed = others.reduce((t, e) => t + (e.lines[product] ?? 0), 0);
      const available = (shipped.get(product) ?? 0) - billed;
      if (qty > available) {
        const index = (ctx.doc.data.lines as Line[]).findIndex((l) => l.product === product);
        throw refuse(
          `/lines/${index}/qty`,
          `Invoiced quantity exceeds what was shipped and not yet invoiced: ${available / 1000} left, ${qty / 1000} asked`,
          'RULE_FAILED.invoice_exceeds_shipped',
          { product, available: available / 1000, requested: qty / 1000 },
        );
      }
    }
    const entry: TallyEntry = { key: ctx.outboxId, lines: Object.fromEntries(wanted) };
    const $set = { [`entries.${ctx.doc._id}`]: entry };
    if (tally.version === 0) {
      try {
        await tallies(ctx.store).insertOne({ _id: orderId, entries: { [ctx.doc._id]: entry }, version: 1 });
        return;
      } catch {
        continue; // a concurrent first invoice created it: check again
      }
    }
    if (await tallies(ctx.store).updateOne({ _id: orderId, version: tally.version }, { $set, $inc: { version: 1 } }))
      return;
  }
  throw new AppError('VERSION_CONFLICT', 'Invoices of this order are changing too fast; retry shortly');
};

/** Removes this key's entry (the issue did not commit); nothing to undo returns at once. */
export const invoiceCheckCompensation: EffectHandler = async (ctx) => {
  const orderId = String(ctx.doc.data.salesOrder ?? '');
  const marker = `entries.${ctx.doc._id}`;
  await tallies(ctx.store).updateOne(
    { _id: orderId, [`${marker}.key`]: ctx.outboxId },
    { $unset: { [marker]: '' }, $inc: { version: 1 } },
  );
};
