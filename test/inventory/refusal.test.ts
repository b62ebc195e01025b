import { describe, expect, it } from 'vitest';
import { documentsCollectionName } from '../../engine/documents/document-record';
import { AppError } from '../../engine/errors';
import { problemOf } from '../../engine/http/problem';
import { issueStock, receiveStock, reserveStock } from '../../engine/inventory/operations';
import { getLedger, getLevels } from '../../engine/inventory/queries';
import { reservedFor } from '../../engine/inventory/outstanding';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { expectLedgerMatchesLevels, levelOf } from './check-ledger';
import { fresh, onEveryStore, orderRef } from './stores';

async function masterData(store: Store, product: string, warehouse: string): Promise<void> {
  await store
    .collection(documentsCollectionName('product'))
    .insertOne({ _id: product, type: 'product', data: { sku: 'LENS-01', name: '镜片' } });
  await store
    .collection(documentsCollectionName('warehouse'))
    .insertOne({ _id: warehouse, type: 'warehouse', data: { code: 'WH-SH', name: '上海仓' } });
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

onEveryStore('inventory refusals', (getStore) => {
  describe('a refused line', () => {
    it('names product, warehouse, requested and available in the caller language, and changes nothing', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await masterData(store, product, warehouse);
      await receiveStock({
        store,
        key: newId(),
        ref: { type: 'goods_receipt', id: newId() },
        warehouse,
        lines: [{ product, qty: 2.5 }],
      });
      const before = await getLedger({ store, product, warehouse });

      const err = await caught(
        reserveStock({ store, key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 3 }] }),
      );

      expect(err.code).toBe('RULE_FAILED');
      expect(err.status).toBe(422);
      expect(err.extra).toMatchObject({ product, warehouse, requested: 3, available: 2.5 });
      expect(problemOf(err, 'zh-CN').detail).toBe(
        '库存不足：仓库「上海仓 (WH-SH)」中商品「镜片 (LENS-01)」可用 2.5，需要 3。',
      );
      expect(problemOf(err, 'en').detail).toBe(
        'Insufficient stock: 镜片 (LENS-01) in warehouse 上海仓 (WH-SH) has 2.5 available, 3 requested.',
      );
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 2.5, reserved: 0, available: 2.5 });
      expect(await getLedger({ store, product, warehouse })).toEqual(before);
    });

    it('refuses an issue beyond what is reserved and available', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await receiveStock({
        store,
        key: newId(),
        ref: { type: 'goods_receipt', id: newId() },
        warehouse,
        lines: [{ product, qty: 4 }],
      });
      const order = orderRef();
      await reserveStock({ store, key: newId(), ref: order, warehouse, lines: [{ product, qty: 3 }] });
      await reserveStock({ store, key: newId(), ref: orderRef(), warehouse, lines: [{ product, qty: 1 }] });

      const err = await caught(
        issueStock({ store, key: newId(), ref: order, warehouse, lines: [{ product, qty: 4 }] }),
      );

      expect(err.extra).toMatchObject({ requested: 4, available: 3 });
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 4, reserved: 4, available: 0 });
    });
  });

  describe('all lines or none', () => {
    it('rolls back lines 1–2 with compensating moves when line 3 is refused', async () => {
      const store = getStore();
      const { product, product2, warehouse } = fresh();
      const product3 = newId();
      await receiveStock({
        store,
        key: newId(),
        ref: { type: 'goods_receipt', id: newId() },
        warehouse,
        lines: [
          { product, qty: 10 },
          { product: product2, qty: 10, batch: 'B1', expiry: '2026-05-01' },
          { product: product3, qty: 1 },
        ],
      });
      const levelsBefore = await getLevels({ store, warehouse });
      const order = orderRef();
      const key = `${order.id}:2:inventory.reserve`;
      const lines = [
        { product, qty: 4 },
        { product: product2, qty: 6 },
        { product: product3, qty: 2 },
      ];

      const err = await caught(reserveStock({ store, key, ref: order, warehouse, lines }));

      expect(err.extra).toMatchObject({ product: product3, warehouse, requested: 2, available: 1, line: 2 });
      expect(await getLevels({ store, warehouse })).toEqual(levelsBefore);
      for (const p of [product, product2]) {
        const kinds = (await getLedger({ store, product: p, warehouse })).map((m) => m.kind);
        expect(kinds).toEqual(['receive', 'reserve', 'compensate']);
        expect([...(await reservedFor(store, order.id, p, warehouse)).values()]).toEqual([]);
        await expectLedgerMatchesLevels(store, p, warehouse);
      }

      // A refused attempt holds nothing: the same key runs again once stock arrived.
      await receiveStock({
        store,
        key: newId(),
        ref: { type: 'goods_receipt', id: newId() },
        warehouse,
        lines: [{ product: product3, qty: 1 }],
      });
      const retried = await reserveStock({ store, key, ref: order, warehouse, lines });
      expect(retried.replayed).toBe(false);
      expect(retried.moves.map((m) => m.delta.reserved)).toEqual([4, 6, 2]);
      const replayed = await reserveStock({ store, key, ref: order, warehouse, lines });
      expect(replayed.replayed).toBe(true);
      expect(await levelOf(store, product3, warehouse)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
      expect(await levelOf(store, product, warehouse)).toMatchObject({ reserved: 4, available: 6 });
    });
  });
});
