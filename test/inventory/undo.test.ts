// Reversing done operations and transfers by key (undo-operation.ts): what a
// document change that did not commit uses to give its stock back. Idempotent,
// finished after a crash, and a reversed key may run again.
import { expect, it } from 'vitest';
import { operationId, resumePendingOperations } from '../../engine/inventory/operation';
import { receiveStock, reserveStock } from '../../engine/inventory/operations';
import { getLedger } from '../../engine/inventory/queries';
import { transferStock, undoTransfer } from '../../engine/inventory/transfer';
import { OPERATIONS, type OperationDoc } from '../../engine/inventory/types';
import { undoOperation } from '../../engine/inventory/undo-operation';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { expectLedgerMatchesLevels, levelOf } from './check-ledger';
import { faultyStore, SimulatedCrash } from './faulty-store';
import { fresh, onEveryStore, orderRef } from './stores';

async function stocked(store: Store, qty = 10) {
  const ids = fresh();
  await receiveStock({
    store,
    key: newId(),
    ref: { type: 'goods_receipt', id: newId() },
    warehouse: ids.warehouse,
    lines: [{ product: ids.product, qty }],
  });
  return ids;
}

onEveryStore('undoing stock operations', (getStore) => {
  it('gives a done reservation back once, however often it is undone, and lets the key run again', async () => {
    const store = getStore();
    const { product, warehouse } = await stocked(store);
    const input = { store, key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 4 }] };
    await reserveStock(input);

    expect(await undoOperation({ store }, input.key)).toBe(true);
    expect(await undoOperation({ store }, input.key)).toBe(false);

    expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect((await getLedger({ store, product, warehouse })).map((m) => m.kind)).toEqual([
      'receive',
      'reserve',
      'compensate',
    ]);
    const again = await reserveStock(input);
    expect(again.replayed).toBe(false);
    expect(await levelOf(store, product, warehouse)).toMatchObject({ reserved: 4, available: 6 });
    await expectLedgerMatchesLevels(store, product, warehouse);
  });

  it('has nothing to undo for a key that never ran or was refused', async () => {
    const store = getStore();
    const { product, warehouse } = await stocked(store, 1);
    expect(await undoOperation({ store }, newId())).toBe(false);
    const refused = { store, key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 5 }] };
    await expect(reserveStock(refused)).rejects.toMatchObject({ code: 'RULE_FAILED' });
    expect(await undoOperation({ store }, refused.key)).toBe(false);
    expect(await levelOf(store, product, warehouse)).toMatchObject({ reserved: 0, available: 1 });
  });

  it('finishes an undo whose process died half-way, through the resume sweep, exactly once', async () => {
    const store = getStore();
    const { product, warehouse } = await stocked(store);
    const input = {
      store,
      key: newId(),
      ref: orderRef(),
      warehouse,
      lines: [
        { product, qty: 2 },
        { product, qty: 3 },
      ],
    };
    await reserveStock(input);
    // The first compensating piece is recorded, then the process dies before its level update.
    await expect(
      undoOperation(
        { store: faultyStore(store, { collection: 'stock_levels', method: 'findOneAndUpdate' }) },
        input.key,
      ),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect((await store.collection<OperationDoc>(OPERATIONS).findById(operationId(input.key)))?.status).toBe('undoing');

    await resumePendingOperations({ store, now: () => new Date(Date.now() + 60_000) });

    expect((await store.collection<OperationDoc>(OPERATIONS).findById(operationId(input.key)))?.status).toBe('undone');
    expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect((await getLedger({ store, product, warehouse })).filter((m) => m.kind === 'compensate')).toHaveLength(2);
    await expectLedgerMatchesLevels(store, product, warehouse);
  });

  it('reverses both legs of a transfer, once, and lets it be posted again', async () => {
    const store = getStore();
    const { product, warehouse, warehouse2 } = await stocked(store);
    const input = {
      store,
      key: newId(),
      ref: { type: 'stock_transfer', id: newId() },
      fromWarehouse: warehouse,
      toWarehouse: warehouse2,
      lines: [{ product, qty: 6 }],
    };
    await transferStock(input);

    expect(await undoTransfer({ store }, input.key)).toBe(true);
    expect(await undoTransfer({ store }, input.key)).toBe(false);

    expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 10, available: 10 });
    expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 0, available: 0 });
    await transferStock(input);
    expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 4 });
    expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 6 });
    await expectLedgerMatchesLevels(store, product, warehouse);
    await expectLedgerMatchesLevels(store, product, warehouse2);
  });
});
