// A change request that lowers what an order takes (approvals/rebalance.ts), when
// the order waits for stock (backorders.ts): the cut comes off what it still waits
// for first — no stock moves — and only what goes below what it was already
// granted is released, which the allocator then gives to the next waiting
// backorder. (A raise is an ordinary reservation, or a new backorder for the
// difference: effects.ts, reserveOrWait.)
//
// Exactly once per change: each record it changes notes the change's key and how
// much it took off (`changes`), by a compare-and-set under the product ×
// warehouse allocation lock (so no grant runs meanwhile). The stock released is
// one operation under the change's key, run before any record is marked: a retry
// replays it, and takes off the records only what the marked ones did not.
import { AppError } from '../errors';
import type { Store } from '../store/index';
import { allocateWaiting, finishPending, withAllocationLock } from './allocate';
import { backorders, type BackorderDoc } from './backorder-records';
import { releaseStock, type QtyLine, type StockOperationInput } from './operations';
import { toMilli, toUnits } from './quantity';

const MAX_TRIES = 20;

const takenBy = (bo: BackorderDoc, key: string): number =>
  (bo.changes ?? []).filter((c) => c.key === key).reduce((t, c) => t + c.less, 0);

/** What each record gives up (newest first): its unmet need first, then what it was granted; and the stock to release. */
function plan(
  records: BackorderDoc[],
  qty: number,
): { cuts: Map<string, { less: number; ungrant: number }>; release: number } {
  const cuts = new Map(records.map((b) => [b._id, { less: 0, ungrant: 0 }]));
  let left = qty;
  for (const b of records) {
    const take = b.status === 'waiting' ? Math.min(left, Math.max(0, b.wanted - b.allocated)) : 0;
    (cuts.get(b._id) as { less: number }).less += take;
    left -= take;
  }
  // The rest is held stock: granted to the records, or reserved for the order outright.
  const release = left;
  for (const b of records) {
    const take = Math.min(left, b.allocated);
    const cut = cuts.get(b._id) as { less: number; ungrant: number };
    cut.less += take;
    cut.ungrant += take;
    left -= take;
  }
  return { cuts, release };
}

async function lowerOne(
  store: Store,
  input: StockOperationInput,
  product: string,
  qty: number,
  key: string,
): Promise<boolean> {
  const coll = backorders(store);
  const mine = async (): Promise<BackorderDoc[]> =>
    (await coll.find({ 'ref.id': input.ref.id, product, warehouse: input.warehouse })).filter(
      (b) => b.status !== 'cancelled' || takenBy(b, key) > 0,
    );
  let found = false;
  await withAllocationLock(
    store,
    { product, warehouse: input.warehouse },
    async () => {
      for (let tries = 0; tries < MAX_TRIES; tries += 1) {
        for (const b of await mine()) if (b.pending) await finishPending(store, b);
        const all = await mine();
        found = all.length > 0;
        if (!found) return;
        const done = all.reduce((t, b) => t + takenBy(b, key), 0);
        const open = all
          .filter((b) => takenBy(b, key) === 0 && b.status !== 'cancelled')
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.line - a.line);
        const { cuts, release } = plan(open, Math.max(0, qty - done));
        // Released before any record is marked (a retry with none marked replays it by its key): once one is, it is done.
        if (release > 0 && done === 0)
          await releaseStock({ ...input, key, lines: [{ product, qty: toUnits(release) }] });
        let raced = false;
        for (const b of open) {
          const cut = cuts.get(b._id);
          if (!cut || cut.less === 0) continue;
          const wanted = b.wanted - cut.less;
          const allocated = b.allocated - cut.ungrant;
          const status = wanted <= 0 ? 'cancelled' : allocated >= wanted ? 'filled' : 'waiting';
          const ok = await coll.updateOne(
            { _id: b._id, status: b.status, wanted: b.wanted, allocated: b.allocated, pending: null },
            {
              $set: { wanted, allocated, status, updatedAt: new Date() },
              $push: { changes: { key, less: cut.less } },
            },
          );
          if (!ok) raced = true; // cancelled meanwhile: plan again
        }
        if (!raced) return;
      }
      throw new AppError('VERSION_CONFLICT', 'Stock is changing too fast; retry shortly', {
        key: 'VERSION_CONFLICT.stock_contended',
      });
    },
    true,
  );
  return found;
}

/**
 * Releases `input.lines` of what the document holds; for a product it waits for,
 * lowers the wait first (see above). What was released goes to the next waiting backorder.
 */
export async function releaseOrUnwait(input: StockOperationInput & { lines: QtyLine[] }): Promise<void> {
  const plain: QtyLine[] = [];
  for (const line of input.lines) {
    const key = `${input.key}:${line.product}`;
    if (await lowerOne(input.store, input, line.product, toMilli(line.qty), key))
      await allocateWaiting(input.store, line.product, input.warehouse);
    else plain.push(line);
  }
  if (plain.length > 0) await releaseStock({ ...input, lines: plain });
}
