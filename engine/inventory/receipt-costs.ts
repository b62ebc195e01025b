// The cost a receipt line comes in at (valuation.ts): goods received against a
// purchase order at the order line's price (several lines of one product: their
// qty-weighted price); a return against a sales order at the cost it left with
// (the value of the order's issue moves of that product over their quantity);
// anything else at the product's cost. Adjustments fall back to the product cost
// only while no average exists.
import { documentsCollection } from '../documents/index';
import { Dec } from '../money/index';
import type { Store } from '../store/index';
import { unitFactor } from '../units/index';
import { MOVES, type MoveDoc } from './types';

type Line = Record<string, unknown>;

async function productCost(store: Store, product: string): Promise<string | undefined> {
  const doc = await documentsCollection(store, 'product').findById(product);
  const cost = doc?.data?.cost;
  return typeof cost === 'number' && Number.isFinite(cost) ? String(cost) : undefined;
}

async function orderPrices(store: Store, purchaseOrder: string): Promise<Map<string, string>> {
  const order = await documentsCollection(store, 'purchase_order').findById(purchaseOrder);
  const lines = Array.isArray(order?.data?.lines) ? (order.data.lines as Line[]) : [];
  const sums = new Map<string, { qty: InstanceType<typeof Dec>; amount: InstanceType<typeof Dec> }>();
  // A line in 箱 at 120 per 箱 (箱 = 12 件) comes in at 10 per 件: the amount over the qty in base units.
  const withUnit = lines.filter((l) => typeof l.unit === 'string' && l.unit !== '').map((l) => l.product as string);
  const products = withUnit.length
    ? new Map(
        (await documentsCollection(store, 'product').find({ _id: { $in: withUnit } })).map((p) => [p._id, p.data]),
      )
    : new Map<string, Record<string, unknown>>();
  for (const line of lines) {
    if (typeof line.product !== 'string' || typeof line.qty !== 'number' || typeof line.price !== 'number') continue;
    const factor = unitFactor(products.get(line.product) ?? {}, line.unit) ?? new Dec(1);
    const s = sums.get(line.product) ?? { qty: new Dec(0), amount: new Dec(0) };
    sums.set(line.product, {
      qty: s.qty.plus(new Dec(line.qty).times(factor.toString())),
      amount: s.amount.plus(new Dec(line.qty).times(line.price)),
    });
  }
  const prices = new Map<string, string>();
  for (const [product, s] of sums) if (!s.qty.isZero()) prices.set(product, s.amount.div(s.qty).toString());
  return prices;
}

async function issuedCost(store: Store, salesOrder: string, product: string): Promise<string | undefined> {
  const moves = await store.collection<MoveDoc>(MOVES).find({ 'ref.id': salesOrder, product });
  let qty = 0;
  let cents = 0;
  for (const m of moves) {
    if (m.delta.onHand >= 0 || typeof m.valueCents !== 'number') continue;
    if (m.kind !== 'issue') continue;
    qty -= m.delta.onHand;
    cents -= m.valueCents;
  }
  return qty > 0 ? new Dec(cents).div(100).div(new Dec(qty).div(1000)).toString() : undefined;
}

/** Adds `unitCost` to receipt lines (see above). */
export async function withReceiptCosts<T extends { product: string }>(
  store: Store,
  lines: T[],
  source: { purchaseOrder?: string; salesOrder?: string },
): Promise<Array<T & { unitCost?: string }>> {
  const prices = source.purchaseOrder ? await orderPrices(store, source.purchaseOrder) : new Map<string, string>();
  const out: Array<T & { unitCost?: string }> = [];
  for (const line of lines) {
    const unitCost =
      prices.get(line.product) ??
      (source.salesOrder ? await issuedCost(store, source.salesOrder, line.product) : undefined) ??
      (await productCost(store, line.product));
    out.push(unitCost !== undefined ? { ...line, unitCost } : line);
  }
  return out;
}

/** Adds `fallbackUnitCost` (the product cost) to stocktake lines. */
export async function withFallbackCosts<T extends { product: string }>(
  store: Store,
  lines: T[],
): Promise<Array<T & { fallbackUnitCost?: string }>> {
  const out: Array<T & { fallbackUnitCost?: string }> = [];
  for (const line of lines) {
    const cost = await productCost(store, line.product);
    out.push(cost !== undefined ? { ...line, fallbackUnitCost: cost } : line);
  }
  return out;
}
