// Stock level rows: one document per product × warehouse × batch, with a
// deterministic `_id` so concurrent first receipts cannot create two rows.
import { DuplicateKeyError } from '../errors';
import type { Collection, Store } from '../store/index';
import { LEVELS, type LevelDoc } from './types';

export const NO_BATCH = '';

export const levelId = (product: string, warehouse: string, batch = NO_BATCH): string =>
  JSON.stringify([product, warehouse, batch]);

export const levels = (store: Store): Collection<LevelDoc> => store.collection<LevelDoc>(LEVELS);

function emptyRow(product: string, warehouse: string, batch: string, expiry: string | null): Omit<LevelDoc, '_id'> {
  return {
    product,
    warehouse,
    batch,
    expiry,
    onHand: 0,
    reserved: 0,
    incoming: 0,
    available: 0,
    seq: 0,
    updatedAt: new Date(),
  };
}

/** Creates the row if it does not exist yet; an existing row is left as it is. */
export async function ensureRow(
  store: Store,
  row: { product: string; warehouse: string; batch?: string; expiry?: string | null },
): Promise<LevelDoc> {
  const batch = row.batch ?? NO_BATCH;
  const id = levelId(row.product, row.warehouse, batch);
  const coll = levels(store);
  const existing = await coll.findById(id);
  if (existing) return existing;
  if (batch !== NO_BATCH) {
    // Flag the batch-less row first: readers that see no flag may rely on there being no batch row.
    await ensureRow(store, { product: row.product, warehouse: row.warehouse });
    await coll.updateOne({ _id: levelId(row.product, row.warehouse) }, { $set: { hasBatches: true } });
  }
  try {
    return await coll.insertOne({ _id: id, ...emptyRow(row.product, row.warehouse, batch, row.expiry ?? null) });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const raced = await coll.findById(id);
    if (!raced) throw err;
    return raced;
  }
}

/**
 * Orders rows first-expiry-first-out: rows with an expiry by date, then batches
 * without one by name, the batch-less row last.
 */
export function fefo(rows: LevelDoc[]): LevelDoc[] {
  const rank = (row: LevelDoc): string => {
    if (row.expiry) return `0${row.expiry}\u0000${row.batch}`;
    return row.batch === NO_BATCH ? '2' : `1${row.batch}`;
  };
  return [...rows].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

/**
 * All rows of product × warehouse in FEFO order. Untracked products have only the
 * batch-less row, read by id (the hot path of a reservation never scans).
 */
export async function readRows(store: Store, product: string, warehouse: string): Promise<LevelDoc[]> {
  const base = await levels(store).findById(levelId(product, warehouse));
  if (!base) return [];
  if (!base.hasBatches) return [base];
  return fefo(await levels(store).find({ product, warehouse }));
}
