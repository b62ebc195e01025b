// Goods received against a purchase order may not exceed what was ordered, summed
// over every receipt of that order, unless a tolerance allows it: the order's
// `receiptTolerance` (percent), else the product's, else none. Only accepted
// quantities count: rejected goods go back to the supplier, who may ship them again.
//
// The running total per order lives in one `purchase_receipts` document per
// order, changed by a version-guarded update, so two receipts posted at the same
// moment cannot both squeeze under the limit. Each receipt is counted once: its
// effect key is recorded in the same update, and a retry of the same effect (a
// crash between this check and the stock move) finds it and passes.
import Decimal from 'decimal.js';
import { documentsCollection, type DocumentRecord } from '../documents/document-record';
import { AppError, DuplicateKeyError } from '../errors';
import { toMilli, toUnits } from '../inventory/quantity';
import type { Collection, Store, StoredDoc } from '../store/types';

export const PURCHASE_RECEIPTS = 'purchase_receipts';
/** States of a purchase order in which goods may still arrive against it. */
export const RECEIVABLE_STATES = ['approved'];
const MAX_TRIES = 50;

export interface ReceiptTally extends StoredDoc {
  /** Accepted quantity received so far per product, milli-units. */
  received: Array<{ product: string; qty: number }>;
  /** Effect keys of the receipts counted. */
  receipts: string[];
  version: number;
  updatedAt: Date;
}

export interface ReceiptCheckInput {
  store: Store;
  /** The receive effect's idempotency key. */
  key: string;
  receipt: Pick<DocumentRecord, '_id' | 'number'>;
  purchaseOrder: string;
  warehouse: string;
  lines: Array<{ product: string; qty: number | string }>;
}

export const receiptTallies = (store: Store): Collection<ReceiptTally> => store.collection<ReceiptTally>(PURCHASE_RECEIPTS);

function refuse(message: string, extra: Record<string, unknown>, path = '/purchaseOrder'): AppError {
  return new AppError('RULE_FAILED', message, { errors: [{ path, message }], extra });
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

async function productName(store: Store, id: string): Promise<string> {
  const doc = await documentsCollection(store, 'product').findById(id);
  const name = typeof doc?.data?.name === 'string' ? doc.data.name : undefined;
  const sku = typeof doc?.data?.sku === 'string' ? doc.data.sku : undefined;
  return name && sku ? `${name} (${sku})` : (name ?? sku ?? id);
}

async function toleranceFor(store: Store, order: DocumentRecord, product: string): Promise<number> {
  const own = num(order.data.receiptTolerance);
  if (own !== undefined) return own;
  const doc = await documentsCollection(store, 'product').findById(product);
  return num(doc?.data?.receiptTolerance) ?? 0;
}

function orderedPerProduct(order: DocumentRecord): Map<string, number> {
  const ordered = new Map<string, number>();
  const lines = Array.isArray(order.data.lines) ? (order.data.lines as Array<Record<string, unknown>>) : [];
  for (const line of lines) {
    if (typeof line?.product !== 'string') continue;
    ordered.set(line.product, (ordered.get(line.product) ?? 0) + toMilli(line.qty ?? 0, '/lines/qty'));
  }
  return ordered;
}

async function loadOrder(input: ReceiptCheckInput): Promise<DocumentRecord> {
  const order = await documentsCollection(input.store, 'purchase_order').findById(input.purchaseOrder);
  const extra = { purchaseOrder: input.purchaseOrder };
  if (!order) {
    throw refuse(`采购订单 ${input.purchaseOrder} 不存在 / Purchase order ${input.purchaseOrder} does not exist`, extra);
  }
  Object.assign(extra, { purchaseOrderNumber: order.number, state: order.state });
  if (!RECEIVABLE_STATES.includes(order.state)) {
    throw refuse(
      `采购订单 ${order.number} 的状态为「${order.state}」，不能再收货 / Purchase order ${order.number} is ${order.state}; goods can no longer be received against it`,
      extra,
    );
  }
  if (order.data.warehouse !== input.warehouse) {
    throw refuse(
      `入库仓库与采购订单 ${order.number} 的收货仓库不同 / The receipt's warehouse differs from the warehouse of purchase order ${order.number}`,
      extra,
      '/warehouse',
    );
  }
  return order;
}

async function readTally(store: Store, id: string): Promise<ReceiptTally> {
  const existing = await receiptTallies(store).findById(id);
  if (existing) return existing;
  try {
    return await receiptTallies(store).insertOne({ _id: id, received: [], receipts: [], version: 0, updatedAt: new Date() });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const raced = await receiptTallies(store).findById(id);
    if (!raced) throw err;
    return raced;
  }
}

/** This receipt per product (milli-units), with the first line that names it. */
function receiptPerProduct(lines: ReceiptCheckInput['lines']): Map<string, { qty: number; line: number }> {
  const out = new Map<string, { qty: number; line: number }>();
  lines.forEach((l, i) => {
    const seen = out.get(l.product);
    out.set(l.product, { qty: (seen?.qty ?? 0) + toMilli(l.qty, `/lines/${i}/acceptedQty`), line: seen?.line ?? i });
  });
  return out;
}

async function overReceipt(store: Store, order: DocumentRecord, product: string, figures: { line: number; ordered: number; already: number; now: number }): Promise<AppError | null> {
  const tolerance = await toleranceFor(store, order, product);
  const allowed = new Decimal(figures.ordered).mul(new Decimal(100).plus(tolerance)).div(100).floor().toNumber();
  if (figures.already + figures.now <= allowed) return null;
  const name = await productName(store, product);
  const [ordered, already, now, max] = [figures.ordered, figures.already, figures.now, allowed].map(toUnits);
  const n = figures.line + 1;
  return refuse(
    `到货超出采购订单 ${order.number}：第 ${n} 行商品「${name}」订购 ${ordered}，已收 ${already}，本次 ${now}，最多可收 ${max}（容差 ${tolerance}%）。` +
      ` / Over-receipt on purchase order ${order.number}, line ${n}, ${name}: ordered ${ordered}, already received ${already}, this receipt ${now}, at most ${max} allowed (tolerance ${tolerance}%).`,
    {
      purchaseOrder: order._id,
      purchaseOrderNumber: order.number,
      line: figures.line,
      product,
      productName: name,
      ordered,
      alreadyReceived: already,
      thisReceipt: now,
      allowed: max,
      tolerance,
    },
    `/lines/${figures.line}/acceptedQty`,
  );
}

/**
 * Counts the receipt against its purchase order, or throws RULE_FAILED (422)
 * naming the line, product, ordered, already received and this receipt's qty.
 * Nothing is counted when it refuses.
 */
export async function checkReceiptAgainstOrder(input: ReceiptCheckInput): Promise<void> {
  const { store } = input;
  const tallyId = input.purchaseOrder;
  const first = await receiptTallies(store).findById(tallyId);
  if (first?.receipts.includes(input.key)) return;
  const order = await loadOrder(input);
  const ordered = orderedPerProduct(order);
  const incoming = receiptPerProduct(input.lines);
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const tally = await readTally(store, tallyId);
    if (tally.receipts.includes(input.key)) return;
    const received = new Map(tally.received.map((r) => [r.product, r.qty]));
    for (const [product, { qty, line }] of incoming) {
      const refusal = await overReceipt(store, order, product, { line, ordered: ordered.get(product) ?? 0, already: received.get(product) ?? 0, now: qty });
      if (refusal) throw refusal;
      received.set(product, (received.get(product) ?? 0) + qty);
    }
    const next = [...received].map(([product, qty]) => ({ product, qty }));
    const counted = await receiptTallies(store).updateOne(
      { _id: tallyId, version: tally.version },
      { $set: { received: next, updatedAt: new Date(), version: tally.version + 1 }, $push: { receipts: input.key } },
    );
    if (counted) return;
  }
  throw new AppError('VERSION_CONFLICT', `采购订单 ${order.number} 正在被同时收货，请重试 / Purchase order ${order.number} is being received concurrently; retry`);
}

/** Accepted quantity received so far against an order, per product, in units. */
export async function receivedAgainst(store: Store, purchaseOrder: string): Promise<Map<string, number>> {
  const tally = await receiptTallies(store).findById(purchaseOrder);
  return new Map((tally?.received ?? []).map((r) => [r.product, toUnits(r.qty)]));
}
