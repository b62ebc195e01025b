import { describe, expect, it } from 'vitest';
import {
  addIncoming,
  adjustStock,
  issueStock,
  receiveStock,
  releaseStock,
  removeIncoming,
  reserveStock,
} from '../../engine/inventory/operations';
import { getLedger, getLevels } from '../../engine/inventory/queries';
import { newId } from '../../engine/store/ids';
import { expectLedgerMatchesLevels, levelOf } from './check-ledger';
import { fresh, onEveryStore, orderRef } from './stores';

const receipt = () => ({ type: 'goods_receipt', id: newId() });

onEveryStore('inventory operations', (getStore) => {
  describe('reserve, issue, release, receive, adjust', () => {
    it('keeps the ledger running balance equal to the levels at every step', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      const order = orderRef();
      const step = async (expected: { onHand: number; reserved: number; available: number }) => {
        expect(await levelOf(store, product, warehouse)).toMatchObject(expected);
        await expectLedgerMatchesLevels(store, product, warehouse);
      };

      await receiveStock({ store, key: newId(), ref: receipt(), warehouse, lines: [{ product, qty: 10 }] });
      await step({ onHand: 10, reserved: 0, available: 10 });
      await reserveStock({ store, key: newId(), ref: order, warehouse, lines: [{ product, qty: 4 }] });
      await step({ onHand: 10, reserved: 4, available: 6 });
      await issueStock({ store, key: newId(), ref: order, warehouse, lines: [{ product, qty: 3 }] });
      await step({ onHand: 7, reserved: 1, available: 6 });
      await releaseStock({ store, key: newId(), ref: order, warehouse, lines: [{ product }] });
      await step({ onHand: 7, reserved: 0, available: 7 });
      await adjustStock({
        store,
        key: newId(),
        ref: { type: 'stocktake', id: newId() },
        warehouse,
        lines: [{ product, counted: 5.5 }],
      });
      await step({ onHand: 5.5, reserved: 0, available: 5.5 });
      await adjustStock({
        store,
        key: newId(),
        ref: { type: 'stocktake', id: newId() },
        warehouse,
        lines: [{ product, counted: 8 }],
      });
      await step({ onHand: 8, reserved: 0, available: 8 });

      const ledger = await getLedger({ store, product, warehouse });
      expect(ledger.map((m) => [m.kind, m.delta.onHand, m.delta.reserved, m.balance])).toEqual([
        ['receive', 10, 0, 10],
        ['reserve', 0, 4, 10],
        ['issue', -3, -3, 7],
        ['release', 0, -1, 7],
        ['adjust', -1.5, 0, 5.5],
        ['adjust', 2.5, 0, 8],
      ]);
    });

    it('adds fractional quantities without float drift', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      for (const qty of [0.1, 0.2, '0.005']) {
        await receiveStock({ store, key: newId(), ref: receipt(), warehouse, lines: [{ product, qty }] });
      }
      expect((await levelOf(store, product, warehouse)).onHand).toBe(0.305);
      await expect(
        receiveStock({ store, key: newId(), ref: receipt(), warehouse, lines: [{ product, qty: 0.0001 }] }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it('records no move for a stocktake line that matches the book', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await receiveStock({ store, key: newId(), ref: receipt(), warehouse, lines: [{ product, qty: 3 }] });
      const result = await adjustStock({
        store,
        key: newId(),
        ref: { type: 'stocktake', id: newId() },
        warehouse,
        lines: [{ product, counted: 3 }],
      });
      expect(result.moves).toEqual([]);
      expect(await getLedger({ store, product, warehouse })).toHaveLength(1);
    });

    it('issues available stock when nothing was reserved, and releases only what the order holds', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await receiveStock({ store, key: newId(), ref: receipt(), warehouse, lines: [{ product, qty: 5 }] });
      const other = orderRef();
      await reserveStock({ store, key: newId(), ref: other, warehouse, lines: [{ product, qty: 2 }] });
      const walkIn = orderRef();
      await issueStock({ store, key: newId(), ref: walkIn, warehouse, lines: [{ product, qty: 3 }] });
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
      // The walk-in order holds nothing: releasing for it leaves the other order's reservation alone.
      const released = await releaseStock({
        store,
        key: newId(),
        ref: walkIn,
        warehouse,
        lines: [{ product, qty: 1 }],
      });
      expect(released.moves).toEqual([]);
      expect(await levelOf(store, product, warehouse)).toMatchObject({ reserved: 2 });
      await expectLedgerMatchesLevels(store, product, warehouse);
    });
  });

  describe('exactly once', () => {
    it('does nothing when the same key is replayed, and returns the first moves', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await receiveStock({ store, key: newId(), ref: receipt(), warehouse, lines: [{ product, qty: 10 }] });
      const key = `${newId()}:3:inventory.reserve`;
      const input = { store, key, ref: orderRef(), warehouse, lines: [{ product, qty: 4 }] };
      const first = await reserveStock(input);
      const again = await reserveStock(input);
      expect(first.replayed).toBe(false);
      expect(again.replayed).toBe(true);
      expect(again.moves.map((m) => m.id)).toEqual(first.moves.map((m) => m.id));
      expect(await levelOf(store, product, warehouse)).toMatchObject({ reserved: 4, available: 6 });
      expect(await getLedger({ store, product, warehouse })).toHaveLength(2);
    });

    it('applies concurrent duplicates of one key once', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await receiveStock({ store, key: newId(), ref: receipt(), warehouse, lines: [{ product, qty: 10 }] });
      const input = { store, key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 1 }] };
      const results = await Promise.all(Array.from({ length: 8 }, () => reserveStock(input)));
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(await levelOf(store, product, warehouse)).toMatchObject({ reserved: 1, available: 9 });
      await expectLedgerMatchesLevels(store, product, warehouse);
    });
  });

  describe('batches', () => {
    it('reserves and issues first-expiry-first-out, whatever order the batches arrived in', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await receiveStock({
        store,
        key: newId(),
        ref: receipt(),
        warehouse,
        lines: [
          { product, qty: 5, batch: 'LATE', expiry: '2027-09-01' },
          { product, qty: 2, batch: 'EARLY', expiry: '2026-03-01' },
          { product, qty: 4, batch: 'MID', expiry: '2026-12-31' },
        ],
      });
      const order = orderRef();
      await reserveStock({ store, key: newId(), ref: order, warehouse, lines: [{ product, qty: 5 }] });
      const issued = await issueStock({ store, key: newId(), ref: order, warehouse, lines: [{ product, qty: 5 }] });
      expect(issued.moves.map((m) => [m.batch, m.expiry, m.delta.onHand])).toEqual([
        ['EARLY', '2026-03-01', -2],
        ['MID', '2026-12-31', -3],
      ]);
      const levels = await getLevels({ store, product, warehouse });
      expect(levels.map((l) => [l.batch, l.onHand, l.reserved])).toEqual([
        ['EARLY', 0, 0],
        ['MID', 1, 0],
        ['LATE', 5, 0],
      ]);
      await expectLedgerMatchesLevels(store, product, warehouse);
    });
  });

  describe('incoming', () => {
    it('counts purchase orders as incoming and lets a receipt reduce only its own order', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      const po1 = { type: 'purchase_order', id: newId() };
      const po2 = { type: 'purchase_order', id: newId() };
      await addIncoming({ store, key: newId(), ref: po1, warehouse, lines: [{ product, qty: 10 }] });
      await addIncoming({ store, key: newId(), ref: po2, warehouse, lines: [{ product, qty: 5 }] });
      expect(await levelOf(store, product, warehouse)).toMatchObject({ incoming: 15, projected: 15 });
      // Over-delivery on po1 (12 of 10) must not eat po2's incoming.
      await receiveStock({
        store,
        key: newId(),
        ref: receipt(),
        purchaseOrder: po1.id,
        warehouse,
        lines: [{ product, qty: 12 }],
      });
      expect(await levelOf(store, product, warehouse)).toMatchObject({
        onHand: 12,
        incoming: 5,
        available: 12,
        projected: 17,
      });
      await removeIncoming({ store, key: newId(), ref: po2, warehouse, lines: [{ product }] });
      expect(await levelOf(store, product, warehouse)).toMatchObject({ incoming: 0, projected: 12 });
      await expectLedgerMatchesLevels(store, product, warehouse);
    });
  });
});
