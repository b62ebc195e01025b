// Supplier scorecards (供应商评估) per supplier over a period, from purchase orders
// and posted goods receipts:
// - onTimeRate: receipts on or before their order's expectedDate ÷ receipts
//   against an order that has one (receipt dates in the period);
// - qualityRate: accepted ÷ (accepted + rejected) over those receipts' lines;
// - priceChange: the period's order lines against this supplier's previous price
//   of the same product (the line before it, any date): Σ qty·(price − last) ÷
//   Σ qty·last, over lines that have a previous price;
// - priceVsOthers: the same lines against the other suppliers' latest prices of
//   the product as of the line's order date (their mean): Σ qty·(price − others)
//   ÷ Σ qty·others, over lines some other supplier also quoted;
// - score (0–100): 40 % on time, 40 % quality, 20 % price (1 at or below the
//   others, falling linearly to 0 at 20 % above them), over the parts that have
//   figures; rating 5 from 90, 4 from 75, 3 from 60, 2 from 40, else 1.
// Exact arithmetic (decimal.js) for sums and ratios; ratios to 4 places.
import { documentsCollection, type DocumentRecord } from '../documents/index';
import { Dec } from '../money/index';
import type { Store } from '../store/index';

/** Orders that were placed: approved, received in full or closed short. */
export const PLACED_STATES = ['approved', 'completed', 'closed'];

export interface ScorecardPeriod {
  from?: string;
  to?: string;
  supplier?: string;
}

export interface Scorecard {
  supplier: string;
  orders: number;
  receipts: number;
  onTimeReceipts: number;
  timedReceipts: number;
  onTimeRate: number | null;
  acceptedQty: number;
  rejectedQty: number;
  qualityRate: number | null;
  priceChange: number | null;
  priceVsOthers: number | null;
  score: number | null;
  rating: number | null;
}

interface Line {
  supplier: string;
  product: string;
  qty: number;
  price: number;
  orderDate: string;
  number: string;
  id: string;
}

const inPeriod = (date: string, p: ScorecardPeriod): boolean => (!p.from || date >= p.from) && (!p.to || date <= p.to);
const ratio = (part: Dec, whole: Dec): number | null =>
  whole.isZero() ? null : part.div(whole).toDecimalPlaces(4).toNumber();
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function linesOf(orders: DocumentRecord[]): Line[] {
  const out: Line[] = [];
  for (const o of orders) {
    const d = o.data as { supplier?: string; orderDate?: string; lines?: Array<Record<string, unknown>> };
    for (const l of d.lines ?? []) {
      if (typeof l.product !== 'string' || typeof d.supplier !== 'string') continue;
      out.push({
        supplier: d.supplier,
        product: l.product,
        qty: num(l.qty),
        price: num(l.price),
        orderDate: String(d.orderDate ?? o.createdAt.toISOString().slice(0, 10)),
        number: o.number,
        id: o._id,
      });
    }
  }
  // Oldest first; orders of one day in number order, so "the line before" is well defined.
  return out.sort((a, b) => a.orderDate.localeCompare(b.orderDate) || a.number.localeCompare(b.number));
}

export function ratingOf(score: number | null): number | null {
  if (score === null) return null;
  if (score >= 90) return 5;
  if (score >= 75) return 4;
  if (score >= 60) return 3;
  if (score >= 40) return 2;
  return 1;
}

/** 1 at or below the others' prices, 0 at 20 % or more above them. */
const priceScore = (vsOthers: number): number => Math.min(1, Math.max(0, 1 - 5 * Math.max(0, vsOthers)));

export function scoreOf(onTime: number | null, quality: number | null, vsOthers: number | null): number | null {
  const parts: Array<[number, number]> = [];
  if (onTime !== null) parts.push([0.4, onTime]);
  if (quality !== null) parts.push([0.4, quality]);
  if (vsOthers !== null) parts.push([0.2, priceScore(vsOthers)]);
  if (parts.length === 0) return null;
  const weight = parts.reduce((s, [w]) => s.plus(w), new Dec(0));
  const sum = parts.reduce((s, [w, v]) => s.plus(new Dec(w).times(v)), new Dec(0));
  return sum.div(weight).times(100).toDecimalPlaces(1).toNumber();
}

interface Acc {
  orders: Set<string>;
  receipts: number;
  onTime: number;
  timed: number;
  accepted: Dec;
  rejected: Dec;
  changeNum: Dec;
  changeDen: Dec;
  othersNum: Dec;
  othersDen: Dec;
}

export async function computeScorecards(store: Store, period: ScorecardPeriod): Promise<Scorecard[]> {
  const accs = new Map<string, Acc>();
  const acc = (supplier: string): Acc => {
    const found = accs.get(supplier);
    if (found) return found;
    const zero = new Dec(0);
    const fresh: Acc = {
      orders: new Set(),
      receipts: 0,
      onTime: 0,
      timed: 0,
      accepted: zero,
      rejected: zero,
      changeNum: zero,
      changeDen: zero,
      othersNum: zero,
      othersDen: zero,
    };
    accs.set(supplier, fresh);
    return fresh;
  };

  // Receipts: on time and quality.
  const receipts = await documentsCollection(store, 'goods_receipt').find({
    state: 'posted',
    ...(period.supplier ? { 'data.supplier': period.supplier } : {}),
    ...(period.from || period.to
      ? {
          'data.receiptDate': {
            ...(period.from ? { $gte: period.from } : {}),
            ...(period.to ? { $lte: period.to } : {}),
          },
        }
      : {}),
  });
  const orderIds = [...new Set(receipts.map((r) => r.data.purchaseOrder).filter((id) => typeof id === 'string'))];
  const linked =
    orderIds.length > 0 ? await documentsCollection(store, 'purchase_order').find({ _id: { $in: orderIds } }) : [];
  const expected = new Map(linked.map((o) => [o._id, o.data.expectedDate as string | undefined]));
  for (const r of receipts) {
    const a = acc(String(r.data.supplier));
    a.receipts += 1;
    for (const l of (r.data.lines as Array<Record<string, unknown>>) ?? []) {
      a.accepted = a.accepted.plus(num(l.acceptedQty));
      a.rejected = a.rejected.plus(num(l.rejectedQty));
    }
    const due = typeof r.data.purchaseOrder === 'string' ? expected.get(r.data.purchaseOrder) : undefined;
    if (due) {
      a.timed += 1;
      if (String(r.data.receiptDate) <= due) a.onTime += 1;
    }
  }

  // Orders: counts and prices, against every earlier order of the products involved.
  const periodOrders = await documentsCollection(store, 'purchase_order').find({
    state: { $in: PLACED_STATES },
    ...(period.supplier ? { 'data.supplier': period.supplier } : {}),
    ...(period.from || period.to
      ? {
          'data.orderDate': {
            ...(period.from ? { $gte: period.from } : {}),
            ...(period.to ? { $lte: period.to } : {}),
          },
        }
      : {}),
  });
  const products = [...new Set(linesOf(periodOrders).map((l) => l.product))];
  const history =
    products.length > 0
      ? linesOf(
          await documentsCollection(store, 'purchase_order').find({
            state: { $in: PLACED_STATES },
            'data.lines.product': { $in: products },
            ...(period.to ? { 'data.orderDate': { $lte: period.to } } : {}),
          }),
        )
      : [];
  // Walking the history oldest first, `latest` holds each supplier's last price per product so far.
  const latest = new Map<string, Map<string, number>>();
  for (const line of history) {
    const bySupplier = latest.get(line.product) ?? new Map<string, number>();
    latest.set(line.product, bySupplier);
    const counts = inPeriod(line.orderDate, period) && (!period.supplier || line.supplier === period.supplier);
    if (counts) {
      const a = acc(line.supplier);
      a.orders.add(line.id);
      const qty = new Dec(line.qty);
      const last = bySupplier.get(line.supplier);
      if (last !== undefined) {
        a.changeNum = a.changeNum.plus(qty.times(new Dec(line.price).minus(last)));
        a.changeDen = a.changeDen.plus(qty.times(last));
      }
      // Others' latest prices as of this date: lines of theirs later the same day are not known yet.
      const others = [...bySupplier.entries()].filter(([s]) => s !== line.supplier).map(([, p]) => p);
      if (others.length > 0) {
        const mean = others.reduce((s, p) => s.plus(p), new Dec(0)).div(others.length);
        a.othersNum = a.othersNum.plus(qty.times(new Dec(line.price).minus(mean)));
        a.othersDen = a.othersDen.plus(qty.times(mean));
      }
    }
    bySupplier.set(line.supplier, line.price);
  }

  return [...accs.entries()].map(([supplier, a]) => {
    const onTimeRate = a.timed === 0 ? null : ratio(new Dec(a.onTime), new Dec(a.timed));
    const qualityRate = ratio(a.accepted, a.accepted.plus(a.rejected));
    const priceVsOthers = ratio(a.othersNum, a.othersDen);
    const score = scoreOf(onTimeRate, qualityRate, priceVsOthers);
    return {
      supplier,
      orders: a.orders.size,
      receipts: a.receipts,
      onTimeReceipts: a.onTime,
      timedReceipts: a.timed,
      onTimeRate,
      acceptedQty: a.accepted.toNumber(),
      rejectedQty: a.rejected.toNumber(),
      qualityRate,
      priceChange: ratio(a.changeNum, a.changeDen),
      priceVsOthers,
      score,
      rating: ratingOf(score),
    };
  });
}
