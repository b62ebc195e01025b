import { describe, expect, it } from 'vitest';
import { receiveStock } from '../../engine/inventory/operations';
import { getLedger, getLevels } from '../../engine/inventory/queries';
import { resumePendingTransfers, transferStock } from '../../engine/inventory/transfer';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { expectLedgerMatchesLevels, levelOf } from './check-ledger';
import { fresh, onEveryStore } from './stores';

const transferRef = () => ({ type: 'stock_transfer', id: newId(), number: 'TR-1' });
const later = () => new Date(Date.now() + 60_000);

class Crash extends Error {}

async function setUp(store: Store) {
  const ids = fresh();
  await receiveStock({
    store,
    key: newId(),
    ref: { type: 'goods_receipt', id: newId() },
    warehouse: ids.warehouse,
    lines: [
      { product: ids.product, qty: 10 },
      { product: ids.product2, qty: 3, batch: 'B-LATE', expiry: '2027-01-31' },
      { product: ids.product2, qty: 2, batch: 'B-EARLY', expiry: '2026-07-31' },
    ],
  });
  return ids;
}

onEveryStore('stock transfers', (getStore) => {
  it('moves stock between warehouses, keeping batches and expiries', async () => {
    const store = getStore();
    const { product, product2, warehouse, warehouse2 } = await setUp(store);
    const result = await transferStock({
      store,
      key: newId(),
      ref: transferRef(),
      fromWarehouse: warehouse,
      toWarehouse: warehouse2,
      lines: [
        { product, qty: 4 },
        { product: product2, qty: 3 },
      ],
    });
    expect(result.out.moves.every((m) => m.kind === 'transfer_out')).toBe(true);
    expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 6 });
    expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 4 });
    const arrived = await getLevels({ store, product: product2, warehouse: warehouse2 });
    expect(arrived.map((l) => [l.batch, l.expiry, l.onHand])).toEqual([
      ['B-EARLY', '2026-07-31', 2],
      ['B-LATE', '2027-01-31', 1],
    ]);
    for (const w of [warehouse, warehouse2]) await expectLedgerMatchesLevels(store, product2, w);
  });

  describe('a process dying between the legs', () => {
    it('is completed exactly once by resumePendingTransfers, also when run twice', async () => {
      const store = getStore();
      const { product, warehouse, warehouse2 } = await setUp(store);
      const key = newId();
      const input = {
        store,
        key,
        ref: transferRef(),
        fromWarehouse: warehouse,
        toWarehouse: warehouse2,
        lines: [{ product, qty: 4 }],
      };

      await expect(
        transferStock({
          ...input,
          afterFirstLeg: () => {
            throw new Crash('died between legs');
          },
        }),
      ).rejects.toBeInstanceOf(Crash);
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 6 });
      expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 0 });

      // Within the lease the transfer may still be in flight elsewhere: left alone.
      expect((await resumePendingTransfers(store)).filter((r) => r.key === key)).toEqual([]);
      const [first, second] = await Promise.all([
        resumePendingTransfers(store, { now: later }),
        resumePendingTransfers(store, { now: later }),
      ]);
      expect([...first, ...second].filter((r) => r.key === key)).toHaveLength(1);
      expect((await resumePendingTransfers(store, { now: later })).filter((r) => r.key === key)).toEqual([]);

      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 6 });
      expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 4 });
      expect((await getLedger({ store, product })).map((m) => m.kind)).toEqual([
        'receive',
        'transfer_out',
        'transfer_in',
      ]);
      // Posting the same transfer again replays it.
      const replay = await transferStock(input);
      expect(replay.replayed).toBe(true);
      expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 4 });
    });
  });

  it('refuses a transfer beyond available stock, moves nothing, and can post it again later', async () => {
    const store = getStore();
    const { product, warehouse, warehouse2 } = await setUp(store);
    const input = {
      store,
      key: newId(),
      ref: transferRef(),
      fromWarehouse: warehouse,
      toWarehouse: warehouse2,
      lines: [{ product, qty: 12 }],
    };
    await expect(transferStock(input)).rejects.toMatchObject({
      code: 'RULE_FAILED',
      extra: { product, warehouse, requested: 12, available: 10 },
    });
    expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 10 });
    expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 0 });

    await receiveStock({
      store,
      key: newId(),
      ref: { type: 'goods_receipt', id: newId() },
      warehouse,
      lines: [{ product, qty: 2 }],
    });
    await transferStock(input);
    expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 0 });
    expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 12 });
  });
});
