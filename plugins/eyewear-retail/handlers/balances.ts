// Member balances (points, stored value) kept on the customer and moved exactly
// once per effect key: the guarded $inc also records the key on the customer, so
// a retry finds it and does nothing, and a debit never takes a balance below
// zero. Every move is written to a ledger with the balance before and after.
import { num, type PluginApi, type StoredDoc } from './types';

export interface BalanceEntry extends StoredDoc {
  customer: string;
  field: string;
  delta: number;
  before: number;
  after: number;
  source: { type: string; id: string; number: string };
  at: Date;
}

export interface BalanceMove {
  customer: string;
  /** Data field on the customer: `points` or `storedValue`. */
  field: 'points' | 'storedValue';
  delta: number;
  key: string;
  ledger: string;
  source: BalanceEntry['source'];
  /** Where a short balance is reported, e.g. `/pointsRedeemed`. */
  path: string;
}

export async function moveBalance(
  api: PluginApi,
  store: Parameters<PluginApi['documents']>[0],
  move: BalanceMove,
): Promise<void> {
  if (move.delta === 0) return;
  const customers = api.documents(store, 'customer');
  const filter: Record<string, unknown> = { _id: move.customer, balanceKeys: { $ne: move.key } };
  if (move.delta < 0) filter[`data.${move.field}`] = { $gte: -move.delta };
  const updated = await customers.findOneAndUpdate(filter, {
    $inc: { [`data.${move.field}`]: move.delta },
    $push: { balanceKeys: move.key },
  });
  if (!updated) {
    const current = await customers.findById(move.customer);
    if (Array.isArray(current?.balanceKeys) && current.balanceKeys.includes(move.key)) return;
    const have = num(current?.data[move.field]) ?? 0;
    const [zh, en] = move.field === 'points' ? ['积分', 'points'] : ['储值余额', 'stored value'];
    throw new api.AppError('VALIDATION_FAILED', `Not enough ${en}: ${have} available, ${-move.delta} needed.`, {
      errors: [
        {
          path: move.path,
          message: `${zh}不足：可用 ${have}，需要 ${-move.delta} / not enough ${en}: ${have} available, ${-move.delta} needed`,
        },
      ],
    });
  }
  const after = num(updated.data[move.field]) ?? move.delta;
  const before = new api.Decimal(after).minus(move.delta).toNumber();
  try {
    await store.collection<BalanceEntry>(move.ledger).insertOne({
      _id: move.key,
      customer: move.customer,
      field: move.field,
      delta: move.delta,
      before,
      after,
      source: move.source,
      at: new Date(),
    });
  } catch (err) {
    if (!api.isDuplicateKey(err)) throw err;
  }
}
