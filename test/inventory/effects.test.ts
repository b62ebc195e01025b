import { describe, expect, it } from 'vitest';
import { documentsCollectionName, type DocumentRecord } from '../../engine/documents/document-record';
import type { EffectContext } from '../../engine/documents/effects';
import type { EventRecord } from '../../engine/documents/events';
import { inventoryEffects } from '../../engine/inventory/effects';
import { checkReceiptAgainstOrder } from '../../engine/purchasing/index';
import { getLevels } from '../../engine/inventory/queries';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { testEngine } from '../support/engine';
import { levelOf } from './check-ledger';
import { fresh, onEveryStore } from './stores';

let seq = 0;

/** The context the documents engine hands an effect handler after a transition. */
function effectContext(
  store: Store,
  doc: { id?: string; type: string; data: Record<string, unknown> },
  effect: string,
  options: Record<string, unknown> = {},
): EffectContext {
  const id = doc.id ?? newId();
  seq += 1;
  const now = new Date();
  const record: DocumentRecord = {
    _id: id,
    type: doc.type,
    definitionVersion: 1,
    number: `${doc.type.toUpperCase()}-${seq}`,
    state: 'approved',
    data: doc.data,
    version: seq,
    approval: null,
    createdBy: 'u1',
    createdAt: now,
    updatedBy: 'u1',
    updatedAt: now,
  };
  const event: EventRecord = {
    _id: `${id}:${seq}`,
    docId: id,
    type: doc.type,
    seq,
    kind: 'transition',
    actor: { id: 'u1', username: 'keeper' },
    at: now,
    from: 'draft',
    to: 'approved',
    diff: [],
    effects: [{ name: effect }],
  };
  return { store, engine: testEngine(store), doc: record, event, effect, options, outboxId: `${event._id}:${effect}` };
}

async function run(ctx: EffectContext): Promise<void> {
  const handler = inventoryEffects({ checkReceipt: checkReceiptAgainstOrder })[ctx.effect];
  if (!handler) throw new Error(`no handler for ${ctx.effect}`);
  await handler(ctx);
}

onEveryStore('inventory effect handlers', (getStore) => {
  it('registers every inventory.* effect with the engine', () => {
    const engine = testEngine(getStore());
    for (const name of ['reserve', 'release', 'issue', 'receive', 'expect', 'unexpect', 'transfer', 'adjust']) {
      expect(engine.effects.handler(`inventory.${name}`)).toBeTypeOf('function');
    }
  });

  describe('purchasing', () => {
    it('counts an approved purchase order as incoming and a posted receipt as stock, batches included', async () => {
      const store = getStore();
      const { product, product2, warehouse } = fresh();
      const po = {
        id: newId(),
        type: 'purchase_order',
        data: {
          warehouse,
          lines: [
            { product, qty: 10 },
            { product: product2, qty: 5 },
          ],
        },
      };
      // Receipts are checked against the stored order (no over-receipt, order still open).
      await store
        .collection(documentsCollectionName('purchase_order'))
        .insertOne({ ...effectContext(store, po, 'inventory.expect').doc });
      await run(effectContext(store, po, 'inventory.expect'));
      expect(await levelOf(store, product, warehouse)).toMatchObject({ incoming: 10, projected: 10 });

      const receipt = {
        type: 'goods_receipt',
        data: {
          warehouse,
          purchaseOrder: po.id,
          lines: [
            { product, acceptedQty: 8, rejectedQty: 2, batch: 'L1', expiry: '2026-10-01' },
            { product: product2, acceptedQty: 0, rejectedQty: 5 },
          ],
        },
      };
      await run(
        effectContext(store, receipt, 'inventory.receive', {
          qtyField: 'acceptedQty',
          purchaseOrderField: 'purchaseOrder',
        }),
      );
      const rows = await getLevels({ store, product, warehouse });
      expect(rows.map((r) => [r.batch ?? null, r.onHand, r.incoming])).toEqual([
        ['L1', 8, 0],
        [null, 0, 2],
      ]);
      expect(await levelOf(store, product2, warehouse)).toMatchObject({ onHand: 0, incoming: 5 });

      await run(effectContext(store, po, 'inventory.unexpect'));
      expect((await getLevels({ store, product, warehouse })).reduce((t, r) => t + r.incoming, 0)).toBe(0);
      expect(await levelOf(store, product2, warehouse)).toMatchObject({ incoming: 0 });
    });
  });

  describe('sales', () => {
    it('reserves on approval, issues on shipping and releases the rest on closing, each once', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await run(
        effectContext(
          store,
          { type: 'goods_receipt', data: { warehouse, lines: [{ product, acceptedQty: 20 }] } },
          'inventory.receive',
        ),
      );
      const order = { id: newId(), type: 'sales_order', data: { warehouse, lines: [{ product, qty: 6, price: 10 }] } };

      const approve = effectContext(store, order, 'inventory.reserve');
      await run(approve);
      await run(approve); // the outbox worker retrying the same effect
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 20, reserved: 6, available: 14 });

      const partial = { ...order, data: { warehouse, lines: [{ product, qty: 4 }] } };
      await run(effectContext(store, partial, 'inventory.issue'));
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 16, reserved: 2, available: 14 });

      await run(effectContext(store, order, 'inventory.release'));
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 16, reserved: 0, available: 16 });
    });

    it('refuses a reservation beyond available unless the warehouse allows negative stock', async () => {
      const store = getStore();
      const { product, warehouse, warehouse2 } = fresh();
      await store
        .collection(documentsCollectionName('warehouse'))
        .insertOne({ _id: warehouse2, type: 'warehouse', data: { name: '门店', allowNegative: true } });
      for (const w of [warehouse, warehouse2]) {
        await run(
          effectContext(
            store,
            { type: 'goods_receipt', data: { warehouse: w, lines: [{ product, acceptedQty: 1 }] } },
            'inventory.receive',
          ),
        );
      }
      const order = (w: string) => ({ type: 'sales_order', data: { warehouse: w, lines: [{ product, qty: 3 }] } });

      await expect(run(effectContext(store, order(warehouse), 'inventory.reserve'))).rejects.toMatchObject({
        code: 'RULE_FAILED',
      });
      await run(effectContext(store, order(warehouse2), 'inventory.reserve'));
      expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 1, reserved: 3, available: -2 });
    });
  });

  describe('inventory documents', () => {
    it('posts a stock transfer and a stocktake', async () => {
      const store = getStore();
      const { product, warehouse, warehouse2 } = fresh();
      await run(
        effectContext(
          store,
          { type: 'goods_receipt', data: { warehouse, lines: [{ product, acceptedQty: 9 }] } },
          'inventory.receive',
        ),
      );

      await run(
        effectContext(
          store,
          {
            type: 'stock_transfer',
            data: { fromWarehouse: warehouse, toWarehouse: warehouse2, lines: [{ product, qty: 4 }] },
          },
          'inventory.transfer',
        ),
      );
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 5 });
      expect(await levelOf(store, product, warehouse2)).toMatchObject({ onHand: 4 });

      await run(
        effectContext(
          store,
          { type: 'stocktake', data: { warehouse, lines: [{ product, countedQty: 4.5, bookQty: 5 }] } },
          'inventory.adjust',
          { qtyField: 'countedQty' },
        ),
      );
      expect(await levelOf(store, product, warehouse)).toMatchObject({ onHand: 4.5 });
    });

    it('receives a sales return by its qty field', async () => {
      const store = getStore();
      const { product, warehouse } = fresh();
      await run(
        effectContext(
          store,
          { type: 'sales_return', data: { warehouse, lines: [{ product, qty: 2, batch: 'R1' }] } },
          'inventory.receive',
          { batchField: 'batch' },
        ),
      );
      expect((await getLevels({ store, product, warehouse })).map((r) => [r.batch, r.onHand])).toEqual([['R1', 2]]);
    });
  });
});
