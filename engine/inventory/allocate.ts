// Allocating arrived stock to waiting backorders (backorders.ts), per product ×
// warehouse, in priority order (1 first), then need-by date, then order time.
//
// Exactly once, under any concurrency, with the store's single-document CAS only:
//  - One allocator at a time per product × warehouse: a lease lock. A caller that
//    finds it held sets `again` first and leaves; the holder sees `again` when it
//    tries to let go and makes another pass, so no arrival is missed.
//  - Each grant is an intent on the backorder (`pending: {key, qty}`, set by CAS
//    on `allocated`), then a reserve operation under that key (exactly once by
//    operation.ts, guarded `available ≥ qty` like every reservation), then the CAS
//    that moves `allocated` on. A process that dies in between leaves `pending`,
//    which the next pass finishes under the same key, replaying, never doubling.
import { randomUUID } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import { documentsCollection } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import type { Store, StoredDoc } from '../store/index';
import { readRows } from './levels';
import { reserveStock } from './operations';
import { toUnits } from './quantity';
import { backorders, type BackorderDoc } from './backorder-records';

const LOCKS = 'stock_allocation_locks';
const LEASE_MS = 15_000;
const WAIT_TRIES = 200;

interface LockDoc extends StoredDoc {
  holder: string;
  until: number;
  again: boolean;
}

const lockId = (product: string, warehouse: string): string => JSON.stringify([product, warehouse]);

const isShortage = (err: unknown): boolean => err instanceof AppError && err.code === 'RULE_FAILED';

/** Total available stock (never below zero per row) of product × warehouse, milli-units. */
export async function availableOf(store: Store, product: string, warehouse: string): Promise<number> {
  const rows = await readRows(store, product, warehouse);
  return rows.reduce((total, r) => total + Math.max(0, r.available), 0);
}

/** Finishes a grant whose intent is recorded: reserve under its key (replays if done), then record it. */
export async function finishPending(store: Store, bo: BackorderDoc): Promise<void> {
  if (!bo.pending) return;
  const { key, qty } = bo.pending;
  let granted = true;
  try {
    await reserveStock({
      store,
      key,
      ref: bo.ref,
      warehouse: bo.warehouse,
      allowNegative: false,
      lines: [{ product: bo.product, qty: toUnits(qty) }],
      by: 'system',
    });
  } catch (err) {
    if (!isShortage(err)) throw err;
    granted = false; // taken meanwhile by an ordinary reservation: nothing held, try again later
  }
  const allocated = bo.allocated + (granted ? qty : 0);
  await backorders(store).updateOne(
    { _id: bo._id, 'pending.key': key },
    {
      $set: {
        allocated,
        pending: null,
        status: allocated >= bo.wanted ? 'filled' : bo.status,
        updatedAt: new Date(),
      },
    },
  );
}

const dateOr = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value !== '' ? value : fallback;

/** Waiting backorders whose order committed, best first. Priority is read from the order now (a manager may change it). */
async function ranked(store: Store, waiting: BackorderDoc[]): Promise<BackorderDoc[]> {
  const rows: Array<{ bo: BackorderDoc; priority: number; needBy: string }> = [];
  for (const bo of waiting) {
    const doc = await documentsCollection(store, bo.ref.type).findById(bo.ref.id);
    // Not committed yet (the reserve ran before the order's change was written): its own allocate follows.
    if (!doc || doc.version < bo.refVersion) continue;
    const p = doc.data[bo.priorityField];
    rows.push({
      bo,
      priority: typeof p === 'number' && Number.isFinite(p) ? p : bo.priority,
      needBy: dateOr(doc.data[bo.needByField], '9999-12-31'),
    });
  }
  rows.sort(
    (a, b) =>
      a.priority - b.priority ||
      a.needBy.localeCompare(b.needBy) ||
      a.bo.orderedAt.localeCompare(b.bo.orderedAt) ||
      a.bo.line - b.bo.line,
  );
  return rows.map((r) => r.bo);
}

/** One pass: finish recorded grants, then grant available stock down the ranking until it runs out. */
async function allocationPass(store: Store, product: string, warehouse: string): Promise<void> {
  const coll = backorders(store);
  for (const bo of await coll.find({ product, warehouse, status: 'waiting', pending: { $ne: null } })) {
    await finishPending(store, bo);
  }
  const waiting = await coll.find({ product, warehouse, status: 'waiting' });
  for (const bo of await ranked(store, waiting)) {
    const available = await availableOf(store, product, warehouse);
    if (available <= 0) return;
    const qty = Math.min(available, bo.wanted - bo.allocated);
    if (qty <= 0) continue;
    const key = `backorder:${bo._id}:${bo.allocated}`;
    const marked = await coll.findOneAndUpdate(
      { _id: bo._id, status: 'waiting', allocated: bo.allocated, pending: null },
      { $set: { pending: { key, qty }, updatedAt: new Date() } },
    );
    if (marked) await finishPending(store, marked);
  }
}

async function ensureLock(store: Store, id: string): Promise<void> {
  try {
    await store.collection<LockDoc>(LOCKS).insertOne({ _id: id, holder: '', until: 0, again: false });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

async function acquire(store: Store, id: string, me: string): Promise<boolean> {
  const now = Date.now();
  const got = await store
    .collection<LockDoc>(LOCKS)
    .findOneAndUpdate({ _id: id, until: { $lt: now } }, { $set: { holder: me, until: now + LEASE_MS, again: false } });
  return got !== null;
}

/**
 * Runs `work` holding product × warehouse's allocation lock, then allocation
 * passes while anyone asked for one meanwhile. `waitForLock`: wait for the lock
 * (accepting a backorder must decide now); otherwise leave the work to the holder.
 */
export async function withAllocationLock(
  store: Store,
  pair: { product: string; warehouse: string },
  work: () => Promise<void>,
  waitForLock: boolean,
): Promise<void> {
  const id = lockId(pair.product, pair.warehouse);
  const locks = store.collection<LockDoc>(LOCKS);
  await ensureLock(store, id);
  const me = randomUUID();
  if (!waitForLock) {
    // Ask first, then try: a holder letting go after this sees `again` and makes another pass.
    await locks.updateOne({ _id: id }, { $set: { again: true } });
    if (!(await acquire(store, id, me))) return;
  } else {
    let tries = 0;
    while (!(await acquire(store, id, me))) {
      tries += 1;
      if (tries >= WAIT_TRIES)
        throw new AppError('VERSION_CONFLICT', 'Stock is changing too fast; retry shortly', {
          key: 'VERSION_CONFLICT.stock_contended',
        });
      await wait(Math.min(5 * tries, 50));
    }
  }
  try {
    await work();
    for (;;) {
      if (await locks.updateOne({ _id: id, holder: me, again: false }, { $set: { holder: '', until: 0 } })) return;
      const renewed = await locks.updateOne(
        { _id: id, holder: me },
        { $set: { again: false, until: Date.now() + LEASE_MS } },
      );
      if (!renewed) return; // the lease ran out and another allocator has it
      await allocationPass(store, pair.product, pair.warehouse);
    }
  } catch (err) {
    await locks.updateOne({ _id: id, holder: me }, { $set: { holder: '', until: 0 } });
    throw err;
  }
}

/**
 * Allocates what is available of product × warehouse to its waiting backorders.
 * `waitForLock`: an arrival waits its turn, so its answer comes after its stock is
 * allocated; otherwise the running allocator is asked to make another pass.
 */
export const allocateWaiting = (store: Store, product: string, warehouse: string, waitForLock = false): Promise<void> =>
  withAllocationLock(store, { product, warehouse }, () => allocationPass(store, product, warehouse), waitForLock);

/** The sweep: every product × warehouse with waiting backorders (recovers dead processes' grants too). */
export async function allocateAllWaiting(store: Store): Promise<number> {
  const pairs = await backorders(store).aggregate<{ _id: { product: string; warehouse: string } }>([
    { $match: { status: 'waiting' } },
    { $group: { _id: { product: '$product', warehouse: '$warehouse' } } },
  ]);
  for (const { _id } of pairs) await allocateWaiting(store, _id.product, _id.warehouse);
  return pairs.length;
}
