import { expect, it } from 'vitest';
import { AppError } from '../../engine/errors';
import { receiveStock, reserveStock } from '../../engine/inventory/operations';
import { getLedger } from '../../engine/inventory/queries';
import { newId } from '../../engine/store/ids';
import { expectLedgerMatchesLevels, levelOf } from './check-ledger';
import { fresh, onEveryStore, orderRef } from './stores';

onEveryStore('inventory under contention', (getStore) => {
  // FerretDB on SQLite serialises writes (~10 ms an update), hence the generous timeout; the embedded store takes well under a second.
  it(
    'lets exactly 50 of 300 concurrent 1-unit reservations through against 50 available, never below zero',
    { timeout: 180_000 },
    async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await receiveStock({
        store,
        key: newId(),
        ref: { type: 'goods_receipt', id: newId() },
        warehouse,
        lines: [{ product, qty: 50 }],
      });

      const outcomes = await Promise.allSettled(
        Array.from({ length: 300 }, () =>
          reserveStock({ store, key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 1 }] }),
        ),
      );

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(50);
      expect(lost).toHaveLength(250);
      for (const { reason } of lost) {
        expect(reason).toBeInstanceOf(AppError);
        expect(reason).toMatchObject({
          code: 'RULE_FAILED',
          extra: { product, warehouse, requested: 1, available: 0 },
        });
      }
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
      const ledger = await getLedger({ store, product, warehouse });
      expect(ledger.filter((m) => m.kind === 'reserve')).toHaveLength(50);
      // Every level state the ledger ever recorded had available ≥ 0.
      expect(Math.min(...ledger.map((m) => m.after.available))).toBeGreaterThanOrEqual(0);
      await expectLedgerMatchesLevels(store, product, warehouse);
    },
  );
});
