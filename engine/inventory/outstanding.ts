// What one business document still holds, summed from its moves: stock it
// reserved and has not released or issued, and incoming it announced and has not
// received. Summing moves (not keeping a separate counter) means a resumed or
// compensated operation is always accounted for by the same records as the levels.
import type { Store } from '../store/index';
import { MOVES } from './types';

interface Sum {
  _id: string;
  total: number;
}

async function sumByLevel(store: Store, match: Record<string, unknown>, field: string): Promise<Map<string, number>> {
  const rows = await store
    .collection(MOVES)
    .aggregate<Sum>([{ $match: match }, { $group: { _id: '$level', total: { $sum: `$delta.${field}` } } }]);
  const out = new Map<string, number>();
  for (const row of rows) if (row.total > 0) out.set(row._id, row.total);
  return out;
}

/** Reserved quantity per level still held by document `refId` for product × warehouse. */
export const reservedFor = (
  store: Store,
  refId: string,
  product: string,
  warehouse: string,
): Promise<Map<string, number>> => sumByLevel(store, { 'ref.id': refId, product, warehouse }, 'reserved');

/** Incoming quantity still expected from purchase order `orderId` for product × warehouse. */
export async function incomingFor(store: Store, orderId: string, product: string, warehouse: string): Promise<number> {
  const byLevel = await sumByLevel(store, { incomingRef: orderId, product, warehouse }, 'incoming');
  let total = 0;
  for (const value of byLevel.values()) total += value;
  return total;
}
