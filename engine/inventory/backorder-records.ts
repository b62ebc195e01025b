// Backorders (缺货订单): order lines accepted although stock could not cover them,
// waiting for stock to arrive (allocate.ts). One record per line of the reserve
// effect that accepted it (`_id` = `${key}:${line}`, so a retry of the effect
// finds its records). Quantities in milli-units. `allocated` only grows, by the
// allocator's CAS; `status`: waiting → filled, or cancelled when the order is.
import type { Collection, Store, StoredDoc } from '../store/index';
import type { DocumentRef } from './types';

export const BACKORDERS = 'stock_backorders';

export type BackorderStatus = 'waiting' | 'filled' | 'cancelled';

export interface BackorderDoc extends StoredDoc {
  ref: DocumentRef;
  /** The order's version once the change that accepted it is written: before that the allocator skips it. */
  refVersion: number;
  /** The reserve effect's key that accepted it (its compensation removes the records). */
  key: string;
  line: number;
  product: string;
  warehouse: string;
  wanted: number;
  allocated: number;
  status: BackorderStatus;
  /** A grant under way (allocate.ts): reserve `qty` under `key`, then add it to `allocated`. */
  pending: { key: string; qty: number } | null;
  /** Read from the order at allocation time through these fields; the values here are from acceptance. */
  priorityField: string;
  needByField: string;
  priority: number;
  orderedAt: string;
  /** Sold against incoming stock: the expected date of the purchase order that covers it. */
  promisedDate: string | null;
  /** Change requests that lowered it, by their key, with how much each took off (backorder-changes.ts). */
  changes?: Array<{ key: string; less: number }>;
  createdAt: Date;
  updatedAt: Date;
}

export const backorders = (store: Store): Collection<BackorderDoc> => store.collection<BackorderDoc>(BACKORDERS);

export async function ensureBackorderIndexes(store: Store): Promise<void> {
  await backorders(store).createIndex({
    keys: { product: 1, warehouse: 1, status: 1 },
    name: 'product_warehouse_status',
  });
  await backorders(store).createIndex({ keys: { 'ref.id': 1 }, name: 'ref' });
  // A refused reservation's compensation looks its key up (backorders.ts, dropBackorders).
  await backorders(store).createIndex({ keys: { key: 1 }, name: 'key' });
}
