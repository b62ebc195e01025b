import type { Store } from '../store/index';
import { LEVELS, MOVES, OPERATIONS, TRANSFERS } from './types';
import { ensureBackorderIndexes } from './backorder-records';

/** Indexes for the inventory collections (uniqueness comes from deterministic `_id`s). */
export async function ensureInventoryIndexes(store: Store): Promise<void> {
  await store.collection(LEVELS).createIndex({ name: 'product_warehouse', keys: { product: 1, warehouse: 1 } });
  await store
    .collection(MOVES)
    .createIndex({ name: 'product_warehouse_seq', keys: { product: 1, warehouse: 1, seq: 1 } });
  await store.collection(MOVES).createIndex({ name: 'ref_id', keys: { 'ref.id': 1 } });
  await store.collection(MOVES).createIndex({ name: 'incoming_ref', keys: { incomingRef: 1 } });
  await store.collection(OPERATIONS).createIndex({ name: 'status_claimed', keys: { status: 1, claimedAt: 1 } });
  await store.collection(TRANSFERS).createIndex({ name: 'status_claimed', keys: { status: 1, claimedAt: 1 } });
  await ensureBackorderIndexes(store);
}
