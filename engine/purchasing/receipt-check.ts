// Goods received against a purchase order may not exceed what was ordered, summed
// over every receipt of that order, unless a tolerance allows it: the order's
// `receiptTolerance` (percent), else the product's, else none. Only accepted
// quantities count: rejected goods go back to the supplier, who may ship them again.
//
// One `purchase_receipts` document per order lists the receipts counted (by the
// receive effect's key, with their quantities). Every check that passes writes it
// with a version guard, so two receipts posted at the same moment cannot both
// squeeze under the limit. A retry of the same effect (same key) finds its entry
// and passes. An entry stops counting once its receive operation was undone or
// failed (the transition that posted it did not commit), so nothing has to
// remember to un-count it.
import Decimal from 'decimal.js';
import { documentsCollection, type DocumentRecord } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import { fieldError, renderMessage, type MessageKey, type MessageParams } from '../messages/index';
import { operationId, toMilli, toUnits, OPERATIONS, type ReceiptCheckInput } from '../inventory/index';
import type { Collection, Store, StoredDoc } from '../store/index';
import { linesInBaseUnits } from '../units/index';

export const PURCHASE_RECEIPTS = 'purchase_receipts';
/** States of a purchase order in which goods may still arrive against it. */
export const RECEIVABLE_STATES = ['approved'];
const MAX_TRIES = 50;

/** One receipt counted against the order: its accepted quantities per product, milli-units. */
export interface ReceiptEntry {
  key: string;
  receipt: string;
  lines: Array<{ product: string; qty: number }>;
}

export interface ReceiptTally extends StoredDoc {
  receipts: ReceiptEntry[];
  version: number;
  updatedAt: Date;
}

/** Receive operations in these states moved nothing (any more): their receipts do not count. */
const NOT_RECEIVED = new Set<string>(['undone', 'undoing', 'failed']);

export const receiptTallies = (store: Store): Collection<ReceiptTally> =>
  store.collection<ReceiptTally>(PURCHASE_RECEIPTS);

/** A refusal whose detail and field message are the same catalogue entry. */
function refuse(
  key: MessageKey,
  params: MessageParams,
  extra: Record<string, unknown>,
  path = '/purchaseOrder',
): AppError {
  return new AppError('RULE_FAILED', renderMessage(key, 'en', params), {
    key,
    params,
    errors: [fieldError(path, key, params)],
    extra,
  });
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

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

/** Ordered qty per product in base units (a line in 箱 counts factor × qty: receipts are counted in the base unit). */
async function orderedPerProduct(store: Store, order: DocumentRecord): Promise<Map<string, number>> {
  const ordered = new Map<string, number>();
  const raw = Array.isArray(order.data.lines) ? (order.data.lines as Array<{ product: string; unit?: string }>) : [];
  const lines = await linesInBaseUnits(
    store,
    raw.filter((l) => typeof l?.product === 'string'),
  );
  for (const line of lines as Array<Record<string, unknown>>) {
    if (typeof line?.product !== 'string') continue;
    ordered.set(line.product, (ordered.get(line.product) ?? 0) + toMilli(line.qty ?? 0, '/lines/qty'));
  }
  return ordered;
}

async function loadOrder(input: ReceiptCheckInput): Promise<DocumentRecord> {
  const order = await documentsCollection(input.store, 'purchase_order').findById(input.purchaseOrder);
  const extra = { purchaseOrder: input.purchaseOrder };
  if (!order) {
    throw refuse('RULE_FAILED.purchase_order_missing', { order: input.purchaseOrder }, extra);
  }
  Object.assign(extra, { purchaseOrderNumber: order.number, state: order.state });
  if (!RECEIVABLE_STATES.includes(order.state)) {
    throw refuse('RULE_FAILED.purchase_order_closed', { number: order.number, state: order.state }, extra);
  }
  if (order.data.warehouse !== input.warehouse) {
    throw refuse('RULE_FAILED.receipt_warehouse_differs', { number: order.number }, extra, '/warehouse');
  }
  return order;
}

async function readTally(store: Store, id: string): Promise<ReceiptTally> {
  const existing = await receiptTallies(store).findById(id);
  if (existing) return existing;
  try {
    return await receiptTallies(store).insertOne({ _id: id, receipts: [], version: 0, updatedAt: new Date() });
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

async function overReceipt(
  store: Store,
  order: DocumentRecord,
  product: string,
  figures: { line: number; ordered: number; already: number; now: number },
): Promise<AppError | null> {
  const tolerance = await toleranceFor(store, order, product);
  const allowed = new Decimal(figures.ordered).mul(new Decimal(100).plus(tolerance)).div(100).floor().toNumber();
  if (figures.already + figures.now <= allowed) return null;
  const name = await productName(store, product);
  const [ordered, already, now, max] = [figures.ordered, figures.already, figures.now, allowed].map(toUnits);
  const n = figures.line + 1;
  return refuse(
    'RULE_FAILED.over_receipt',
    { number: order.number, line: n, product: name, ordered, already, now, max, tolerance },
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

/** Entries still counting: their receive operation did not end undone or failed. */
async function counting(store: Store, entries: ReceiptEntry[]): Promise<ReceiptEntry[]> {
  const ops = store.collection<StoredDoc & { status: string }>(OPERATIONS);
  const out: ReceiptEntry[] = [];
  for (const entry of entries) {
    const op = await ops.findById(operationId(entry.key));
    if (!op || !NOT_RECEIVED.has(op.status)) out.push(entry);
  }
  return out;
}

function totals(entries: ReceiptEntry[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const entry of entries) for (const l of entry.lines) sum.set(l.product, (sum.get(l.product) ?? 0) + l.qty);
  return sum;
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
  const mine = first?.receipts.find((r) => r.key === input.key);
  if (mine && (await counting(store, [mine])).length === 1) return;
  const order = await loadOrder(input);
  const ordered = await orderedPerProduct(input.store, order);
  const incoming = receiptPerProduct(input.lines);
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const tally = await readTally(store, tallyId);
    const already = totals(
      await counting(
        store,
        tally.receipts.filter((r) => r.key !== input.key),
      ),
    );
    for (const [product, { qty, line }] of incoming) {
      const refusal = await overReceipt(store, order, product, {
        line,
        ordered: ordered.get(product) ?? 0,
        already: already.get(product) ?? 0,
        now: qty,
      });
      if (refusal) throw refusal;
    }
    const entry: ReceiptEntry = {
      key: input.key,
      receipt: input.receipt._id,
      lines: [...incoming].map(([product, { qty }]) => ({ product, qty })),
    };
    // Written even when the entry exists (a retry after an undo): the version bump serialises concurrent checks.
    const receipts = [...tally.receipts.filter((r) => r.key !== input.key), entry];
    const counted = await receiptTallies(store).updateOne(
      { _id: tallyId, version: tally.version },
      { $set: { receipts, updatedAt: new Date(), version: tally.version + 1 } },
    );
    if (counted) return;
  }
  const params = { number: order.number };
  throw new AppError('VERSION_CONFLICT', renderMessage('VERSION_CONFLICT.receipt_concurrent', 'en', params), {
    key: 'VERSION_CONFLICT.receipt_concurrent',
    params,
  });
}

/** Accepted quantity received so far against an order, per product, in units. */
export async function receivedAgainst(store: Store, purchaseOrder: string): Promise<Map<string, number>> {
  const tally = await receiptTallies(store).findById(purchaseOrder);
  const sum = totals(await counting(store, tally?.receipts ?? []));
  return new Map([...sum].map(([product, qty]) => [product, toUnits(qty)]));
}
