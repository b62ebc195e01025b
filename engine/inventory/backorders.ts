// Accepting an order stock cannot cover (inventory.reserve with `backorders`),
// cancelling what it still waits for, and the promise of a date when a product
// sells against incoming stock (虚拟库存: projected = available + incoming, by the
// purchase orders' expected dates). The acceptance of each line runs under the
// product × warehouse allocation lock, so two orders cannot both be promised the
// same incoming quantity; the stock itself only ever moves by guarded reservations.
import { documentsCollection } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import type { Store } from '../store/index';
import { availableOf, finishPending, withAllocationLock } from './allocate';
import { backorders, type BackorderDoc } from './backorder-records';
import { toMilli } from './quantity';
import { MOVES, type DocumentRef } from './types';

const FAR = '9999-12-31';

export interface BackorderRequest {
  store: Store;
  /** The reserve effect's key. */
  key: string;
  ref: DocumentRef;
  refVersion: number;
  warehouse: string;
  lines: Array<{ product: string; qty: number | string }>;
  /** The order asked to wait when short. */
  acceptsWaiting: boolean;
  priority: number;
  priorityField: string;
  needByField: string;
  orderedAt: string;
  /** The refusal of the plain reservation, thrown again when the order cannot be accepted. */
  refusal: AppError;
}

/** Open incoming per purchase order for product × warehouse, earliest expected date first (milli-units). */
async function incomingByDate(
  store: Store,
  product: string,
  warehouse: string,
): Promise<Array<{ date: string; qty: number }>> {
  const rows = await store
    .collection(MOVES)
    .aggregate<{ _id: string | null; total: number }>([
      { $match: { product, warehouse } },
      { $group: { _id: '$incomingRef', total: { $sum: '$delta.incoming' } } },
    ]);
  const out: Array<{ date: string; qty: number }> = [];
  for (const row of rows) {
    if (!row._id || row.total <= 0) continue;
    const order = await documentsCollection(store, 'purchase_order').findById(row._id);
    const date = order?.data?.expectedDate;
    out.push({ date: typeof date === 'string' && date !== '' ? date : FAR, qty: row.total });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * When `need` more can be had, given what waiting backorders already count on:
 * `now` from available stock, the date of the purchase order that covers it, or
 * null when even the incoming stock does not.
 */
async function coverDate(
  store: Store,
  product: string,
  warehouse: string,
  need: number,
): Promise<{ now: true } | { date: string } | null> {
  const waiting = await backorders(store).find({ product, warehouse, status: 'waiting' });
  const target = waiting.reduce((t, b) => t + b.wanted - b.allocated, 0) + need;
  let supply = await availableOf(store, product, warehouse);
  if (supply >= target) return { now: true };
  for (const incoming of await incomingByDate(store, product, warehouse)) {
    supply += incoming.qty;
    if (supply >= target) return incoming.date === FAR ? null : { date: incoming.date };
  }
  return null;
}

async function sellsAgainstIncoming(store: Store, product: string): Promise<boolean> {
  const doc = await documentsCollection(store, 'product').findById(product);
  return doc?.data?.sellAgainstIncoming === true;
}

async function insertRecord(store: Store, record: BackorderDoc): Promise<void> {
  try {
    await backorders(store).insertOne(record);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err; // a retry of the same effect: already accepted
  }
}

/**
 * Accepts every line as a backorder (the allocator fills them after the order's
 * change commits), or throws the refusal: a line is accepted when the order asked
 * to wait, or its product sells against incoming stock that covers it (then with
 * its promised date). Returns the latest promised date, if any.
 */
export async function acceptBackorder(req: BackorderRequest): Promise<string | null> {
  const { store } = req;
  let promised: string | null = null;
  try {
    for (const [line, l] of req.lines.entries()) {
      const wanted = toMilli(l.qty, `/lines/${line}/qty`);
      // An order that may not wait, of a product not sold against incoming stock, is
      // refused at once: it must not queue for the allocation lock (a stampede of
      // refusals would otherwise take it one by one).
      if (!req.acceptsWaiting && !(await sellsAgainstIncoming(store, l.product))) throw req.refusal;
      await withAllocationLock(
        store,
        { product: l.product, warehouse: req.warehouse },
        async () => {
          const cover = (await sellsAgainstIncoming(store, l.product))
            ? await coverDate(store, l.product, req.warehouse, wanted)
            : null;
          if (!cover && !req.acceptsWaiting) throw req.refusal;
          const promisedDate = cover && 'date' in cover ? cover.date : null;
          if (promisedDate && (!promised || promisedDate > promised)) promised = promisedDate;
          const now = new Date();
          await insertRecord(store, {
            _id: `${req.key}:${line}`,
            ref: req.ref,
            refVersion: req.refVersion,
            key: req.key,
            line,
            product: l.product,
            warehouse: req.warehouse,
            wanted,
            allocated: 0,
            status: 'waiting',
            pending: null,
            priorityField: req.priorityField,
            needByField: req.needByField,
            priority: req.priority,
            orderedAt: req.orderedAt,
            promisedDate,
            createdAt: now,
            updatedAt: now,
          });
        },
        true,
      );
    }
  } catch (err) {
    await dropBackorders(store, req.key);
    throw err;
  }
  return promised;
}

/** The reserve effect did not commit: its records go (the allocator never touched them: not committed). */
export async function dropBackorders(store: Store, key: string): Promise<void> {
  const filter = { key, allocated: 0, pending: null };
  // Read first: most refused reservations accepted nothing, and writes are what FerretDB takes one at a time.
  if ((await backorders(store).count(filter)) > 0) await backorders(store).deleteMany(filter);
}

/** The order is cancelled or closed: what still waits stops waiting (a grant under way finishes first, then is released). */
export async function cancelBackorders(store: Store, refId: string): Promise<void> {
  const coll = backorders(store);
  for (let tries = 0; tries < 20; tries += 1) {
    const waiting = await coll.find({ 'ref.id': refId, status: 'waiting' });
    if (waiting.length === 0) return;
    for (const bo of waiting) {
      if (bo.pending) await finishPending(store, bo);
      // Fails when the allocator started another grant meanwhile: the next round finishes that one too.
      await coll.updateOne(
        { _id: bo._id, status: 'waiting', pending: null },
        { $set: { status: 'cancelled', updatedAt: new Date() } },
      );
    }
  }
  throw new AppError('VERSION_CONFLICT', 'Stock is changing too fast; retry shortly', {
    key: 'VERSION_CONFLICT.stock_contended',
  });
}

/** The backorders of one document (the order page and the sync of its promised date). */
export const backordersOf = (store: Store, refId: string): Promise<BackorderDoc[]> =>
  backorders(store).find({ 'ref.id': refId }, { sort: { line: 1 } });
