// Effects that post what stock moves were worth:
// - `finance.cogs` (sales order `ship`, delivery `ship`): one cost record per
//   shipped line in `sales_costs` (revenue, COGS, customer, clerk) for the gross
//   margin, and the voucher 借 主营业务成本 / 贷 库存商品. A shipment's moves carry
//   the order as their ref (they consume its reservation), so they are found by
//   the issue keys the shipment tally records for this shipping document — each
//   issued unit is costed once, by the document that shipped it;
// - `finance.stock_voucher` (goods receipt, stocktake, sales return): the net value
//   the document's moves added or took, against the counter account the
//   transition names (`counter`, or `gain` / `loss` for a stocktake).
// Both run after the commit, read the document's moves (valued by
// inventory/valuation.ts) and are exactly once by their outbox id.
import type { EffectHandler } from '../documents/index';
import { DuplicateKeyError } from '../errors';
import { shipmentKeysOf } from '../fulfilment/index';
import { MOVES, type MoveDoc } from '../inventory/index';
import { Dec } from '../money/index';
import type { Store, StoredDoc } from '../store/index';
import { documentsCollection, type DocumentRecord } from '../documents/index';
import type { AccountRole } from './accounts';
import { postingContext, postingDate, sourceOf } from './posting-context';
import { asSummaryLabel, SUMMARIES, summaryOf } from './summaries';
import { cogsLines, stockLines } from './templates';
import { postVoucher } from './vouchers';

export const SALES_COSTS = 'sales_costs';

export interface SalesCostDoc extends StoredDoc {
  order: string;
  orderNumber: string;
  line: number;
  product: string;
  customer: string;
  clerk: string;
  date: string;
  /** milli-units shipped */
  qty: number;
  revenueCents: number;
  cogsCents: number;
}

type Line = Record<string, unknown>;

async function documentMoves(store: Store, id: string): Promise<MoveDoc[]> {
  return store.collection<MoveDoc>(MOVES).find({ 'ref.id': id });
}

const valueOf = (moves: MoveDoc[]): number => moves.reduce((t, m) => t + (m.valueCents ?? 0), 0);

/** Shipped lines as the issue effect numbered them: lines with a positive qty, in order. */
function shippedLines(lines: unknown): Array<{ line: Line; index: number }> {
  const all = Array.isArray(lines) ? (lines as Line[]) : [];
  return all.filter((l) => typeof l.qty === 'number' && l.qty > 0).map((line, index) => ({ line, index }));
}

const centsOf = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) ? new Dec(v).times(100).toDecimalPlaces(0).toNumber() : 0;

/** The moves (issues and their compensations) of what `by` shipped of the order. */
async function shipmentMoves(store: Store, order: string, by: string): Promise<MoveDoc[]> {
  const keys = new Set(await shipmentKeysOf(store, order, by));
  if (keys.size === 0) return [];
  return (await documentMoves(store, order)).filter((m) => keys.has(m.op) && m.delta.onHand !== 0);
}

/** A delivery line's revenue: its qty at the order's average price for that product. */
function deliveredRevenue(order: DocumentRecord | null, line: Line): number {
  const same = (Array.isArray(order?.data.lines) ? (order.data.lines as Line[]) : []).filter(
    (l) => l.product === line.product && typeof l.qty === 'number' && l.qty > 0,
  );
  const qty = same.reduce((t, l) => t.plus(l.qty as number), new Dec(0));
  if (qty.isZero()) return 0;
  const amount = same.reduce((t, l) => t.plus(centsOf(l.amount)), new Dec(0));
  return amount.times(Number(line.qty)).div(qty).toDecimalPlaces(0).toNumber();
}

export const cogsEffect: EffectHandler = async (ctx) => {
  const isDelivery = ctx.doc.type === 'delivery';
  const orderId = isDelivery ? String(ctx.doc.data.salesOrder ?? '') : ctx.doc._id;
  const order = isDelivery ? await documentsCollection(ctx.store, 'sales_order').findById(orderId) : ctx.doc;
  const moves = await shipmentMoves(ctx.store, orderId, ctx.doc._id);
  const date = postingDate(ctx);
  const costs = ctx.store.collection<SalesCostDoc>(SALES_COSTS);
  let total = 0;
  for (const { line, index } of shippedLines(ctx.doc.data.lines)) {
    // Issues and their compensations both carry the line; what is left is what shipped.
    const cogs = -valueOf(moves.filter((m) => m.line === index));
    total += cogs;
    const record: SalesCostDoc = {
      _id: `${ctx.outboxId}/${index}`,
      order: orderId,
      orderNumber: order?.number ?? ctx.doc.number,
      line: index,
      product: String(line.product ?? ''),
      customer: String(order?.data.customer ?? ctx.doc.data.customer ?? ''),
      clerk: order?.createdBy ?? ctx.doc.createdBy,
      date,
      qty: Math.round(Number(line.qty) * 1000),
      revenueCents: isDelivery ? deliveredRevenue(order, line) : centsOf(line.amount),
      cogsCents: cogs,
    };
    try {
      await costs.insertOne(record);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
  await postVoucher(postingContext(ctx), {
    key: ctx.outboxId,
    date,
    summary: summaryOf(SUMMARIES.salesCost, ctx.doc.number),
    source: sourceOf(ctx),
    lines: cogsLines(total),
  });
};

interface StockVoucherOptions {
  counter?: AccountRole;
  gain?: AccountRole;
  loss?: AccountRole;
  /** `{zh-CN, en}`, or a plain string (definitions written before summaries had two languages). */
  summary?: unknown;
}

export const stockVoucherEffect: EffectHandler = async (ctx) => {
  const o = ctx.options as StockVoucherOptions;
  const net = valueOf(await documentMoves(ctx.store, ctx.doc._id));
  if (net === 0) return;
  const counter: AccountRole = (net > 0 ? (o.gain ?? o.counter) : (o.loss ?? o.counter)) ?? 'payable';
  await postVoucher(postingContext(ctx), {
    key: ctx.outboxId,
    date: postingDate(ctx),
    summary: summaryOf(asSummaryLabel(o.summary) ?? SUMMARIES.stockChange, ctx.doc.number),
    source: sourceOf(ctx),
    lines: stockLines(net, counter),
  });
};
