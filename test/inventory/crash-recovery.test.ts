import { describe, expect, it } from 'vitest';
import { operationId, resumePendingOperations } from '../../engine/inventory/operation';
import { receiveStock, reserveStock } from '../../engine/inventory/operations';
import { getLedger, getLevels } from '../../engine/inventory/queries';
import { LEVELS, OPERATIONS, type LevelDoc, type OperationDoc } from '../../engine/inventory/types';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { expectLedgerMatchesLevels, levelOf } from './check-ledger';
import { faultyStore, SimulatedCrash, type Fault } from './faulty-store';
import { fresh, onEveryStore, orderRef } from './stores';

async function stocked(store: Store, qty = 10): Promise<{ product: string; warehouse: string }> {
  const { product, warehouse } = fresh();
  await receiveStock({
    store,
    key: newId(),
    ref: { type: 'goods_receipt', id: newId() },
    warehouse,
    lines: [{ product, qty }],
  });
  return { product, warehouse };
}

async function inflightMarkers(store: Store, warehouse: string): Promise<string[]> {
  const rows = await store.collection<LevelDoc>(LEVELS).find({ warehouse });
  return rows.flatMap((row) => Object.keys(row.inflight ?? {}));
}

onEveryStore('inventory crash recovery', (getStore) => {
  const crashes: Array<[string, Fault]> = [
    ['before the level update', { collection: LEVELS, method: 'findOneAndUpdate' }],
    ['between the level update and the move record', { collection: 'stock_moves', method: 'insertOne' }],
    ['between the move record and clearing the in-flight marker', { collection: LEVELS, method: 'updateOne' }],
  ];

  describe.each(crashes)('a crash %s', (_where, fault) => {
    it('is completed by a retry of the same key, changing the level exactly once', async () => {
      const store = getStore();
      const { product, warehouse } = await stocked(store);
      const input = { key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 2 }] };

      await expect(reserveStock({ ...input, store: faultyStore(store, fault) })).rejects.toBeInstanceOf(SimulatedCrash);
      const retried = await reserveStock({ ...input, store });

      expect(retried.moves).toHaveLength(1);
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 10, reserved: 2, available: 8 });
      expect((await getLedger({ store, product, warehouse })).filter((m) => m.kind === 'reserve')).toHaveLength(1);
      expect(await inflightMarkers(store, warehouse)).toEqual([]);
      await expectLedgerMatchesLevels(store, product, warehouse);
      expect((await reserveStock({ ...input, store })).replayed).toBe(true);
    });
  });

  it('records a move recovered after the crash as such', async () => {
    const store = getStore();
    const { product, warehouse } = await stocked(store);
    const input = { key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 1 }] };
    await expect(
      reserveStock({ ...input, store: faultyStore(store, { collection: 'stock_moves', method: 'insertOne' }) }),
    ).rejects.toThrow();
    const [move] = (await reserveStock({ ...input, store })).moves;
    expect(move).toMatchObject({ recovered: true, before: { reserved: 0 }, after: { reserved: 1 } });
  });

  it('finishes an interrupted compensation exactly once, and the refusal stands', async () => {
    const store = getStore();
    const { product, warehouse } = await stocked(store);
    const scarce = newId();
    await receiveStock({
      store,
      key: newId(),
      ref: { type: 'goods_receipt', id: newId() },
      warehouse,
      lines: [{ product: scarce, qty: 1 }],
    });
    const before = await getLevels({ store, warehouse });
    const input = {
      key: newId(),
      ref: orderRef(),
      warehouse,
      lines: [
        { product, qty: 2 },
        { product, qty: 3 },
        { product: scarce, qty: 2 },
      ],
    };
    // Both forward pieces apply; the first compensation dies before its level update.
    const crashing = faultyStore(store, { collection: LEVELS, method: 'findOneAndUpdate', skip: 2 });

    await expect(reserveStock({ ...input, store: crashing })).rejects.toBeInstanceOf(SimulatedCrash);
    const op = await store.collection<OperationDoc>(OPERATIONS).findById(operationId(input.key));
    expect(op?.status).toBe('compensating');

    await expect(reserveStock({ ...input, store })).rejects.toMatchObject({
      code: 'RULE_FAILED',
      extra: { product: scarce, line: 2 },
    });
    expect(await getLevels({ store, warehouse })).toEqual(before);
    const kinds = (await getLedger({ store, product, warehouse })).map((m) => m.kind);
    expect(kinds).toEqual(['receive', 'reserve', 'reserve', 'compensate', 'compensate']);
    await expectLedgerMatchesLevels(store, product, warehouse);
  });

  it('resumes an operation whose process died, once its lease has expired', async () => {
    const store = getStore();
    const { product, warehouse } = await stocked(store);
    const input = { key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 4 }] };
    await expect(
      reserveStock({ ...input, store: faultyStore(store, { collection: 'stock_moves', method: 'insertOne' }) }),
    ).rejects.toThrow();
    // A process that dies does not get to release its claim: make the claim look fresh again.
    await store.collection(OPERATIONS).updateOne({ _id: operationId(input.key) }, { $set: { claimedAt: new Date() } });

    expect(await resumePendingOperations({ store })).toEqual([]);
    const later = () => new Date(Date.now() + 60_000);
    const resumed = await resumePendingOperations({ store, now: later });

    expect(resumed.filter((r) => r.key === input.key)).toHaveLength(1);
    expect(await levelOf(store, product, warehouse)).toMatchObject({ reserved: 4, available: 6 });
    expect((await resumePendingOperations({ store, now: later })).filter((r) => r.key === input.key)).toEqual([]);
    expect(await levelOf(store, product, warehouse)).toMatchObject({ reserved: 4, available: 6 });
  });
});
