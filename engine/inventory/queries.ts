// Reads: current levels, and the ledger (moves with a running onHand balance).
import type { Filter, Store } from '../store/index';
import { fefo, levelId, levels, NO_BATCH } from './levels';
import { costRecords, withValues } from './level-values';
import { toUnits } from './quantity';
import { MOVES, type LevelDoc, type MoveDoc } from './types';
import { levelView, moveView, type LevelView, type MoveView } from './views';

export interface LevelQuery {
  store: Store;
  product?: string;
  warehouse?: string;
}

/** The batch-less row of a batch-tracked product holds nothing worth showing once it is all zero. */
const isEmptyCarrier = (row: LevelDoc): boolean =>
  row.batch === NO_BATCH && row.hasBatches === true && row.onHand === 0 && row.reserved === 0 && row.incoming === 0;

export async function getLevels({ store, product, warehouse }: LevelQuery): Promise<LevelView[]> {
  const filter: Filter = {};
  if (product !== undefined) filter.product = product;
  if (warehouse !== undefined) filter.warehouse = warehouse;
  const rows = (await levels(store).find(filter)).filter((row) => !isEmptyCarrier(row));
  const groups = new Map<string, LevelDoc[]>();
  for (const row of rows) {
    const group = `${row.product}\u0000${row.warehouse}`;
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  const costs = await costRecords(store, rows);
  return [...groups.keys()].sort().flatMap((group) => {
    const views = fefo(groups.get(group) ?? []).map(levelView);
    return withValues(views, costs.get(levelId(views[0]?.product ?? '', views[0]?.warehouse ?? '')) ?? null);
  });
}

export interface LedgerEntry extends MoveView {
  /** Running onHand of the queried product (× warehouse) after this move. */
  balance: number;
}

/**
 * Each level's moves are in `seq` order (the order its updates were applied);
 * levels are interleaved by time. So every level's own history is exact and the
 * last balance always equals the sum of the levels.
 */
function interleave(moves: MoveDoc[]): MoveDoc[] {
  const byLevel = new Map<string, MoveDoc[]>();
  for (const move of moves) byLevel.set(move.level, [...(byLevel.get(move.level) ?? []), move]);
  const queues = [...byLevel.values()].map((q) => q.sort((a, b) => a.seq - b.seq));
  const out: MoveDoc[] = [];
  for (;;) {
    let next: MoveDoc[] | undefined;
    for (const queue of queues) {
      if (queue.length === 0) continue;
      if (!next || queue[0].at.getTime() < next[0].at.getTime()) next = queue;
    }
    if (!next) return out;
    out.push(next.shift() as MoveDoc);
  }
}

export async function getLedger({
  store,
  product,
  warehouse,
}: LevelQuery & { product: string }): Promise<LedgerEntry[]> {
  const filter: Filter = { product };
  if (warehouse !== undefined) filter.warehouse = warehouse;
  const moves = interleave(await store.collection<MoveDoc>(MOVES).find(filter));
  let balance = 0;
  return moves.map((move) => {
    balance += move.delta.onHand;
    return { ...moveView(move), balance: toUnits(balance) };
  });
}
