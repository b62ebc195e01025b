// Moving weighted average valuation (engine/inventory/valuation.ts): worked
// examples on both stores, and a property over random sequences of receipts,
// issues, transfers and stocktakes on the embedded store.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { adjustStock, issueStock, receiveStock } from '../../engine/inventory/operations';
import { getLevels } from '../../engine/inventory/queries';
import { transferStock } from '../../engine/inventory/transfer';
import { MOVES, type MoveDoc } from '../../engine/inventory/types';
import { valuations } from '../../engine/inventory/valuation';
import { levelId } from '../../engine/inventory/levels';
import { undoOperation } from '../../engine/inventory/undo-operation';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { fresh, onEveryStore } from './stores';

const ref = (type: string) => ({ type, id: newId(), number: `${type}-1` });

async function receive(store: Store, product: string, warehouse: string, qty: number, unitCost: string) {
  return receiveStock({
    store,
    key: newId(),
    ref: ref('goods_receipt'),
    warehouse,
    lines: [{ product, qty, unitCost }],
  });
}

async function movesCents(store: Store, product: string, warehouse: string): Promise<number> {
  const moves = await store.collection<MoveDoc>(MOVES).find({ product, warehouse });
  return moves.reduce((total, m) => total + (m.valueCents ?? NaN), 0);
}

async function record(store: Store, product: string, warehouse: string) {
  return valuations(store).findById(levelId(product, warehouse));
}

onEveryStore('moving weighted average valuation', (getStore) => {
  it('averages 10 at 50 and 10 at 70 to 60 and issues 5 at 300', async () => {
    const store = getStore();
    const { product, warehouse } = fresh();
    await receive(store, product, warehouse, 10, '50');
    await receive(store, product, warehouse, 10, '70');
    const [level] = await getLevels({ store, product, warehouse });
    expect(level).toMatchObject({ onHand: 20, unitCost: 60, value: 1200 });
    const issued = await issueStock({
      store,
      key: newId(),
      ref: ref('sales_order'),
      warehouse,
      lines: [{ product, qty: 5 }],
    });
    expect(issued.moves[0]).toMatchObject({ unitCost: 60, value: -300 });
    const [after] = await getLevels({ store, product, warehouse });
    expect(after).toMatchObject({ onHand: 15, unitCost: 60, value: 900 });
  });

  it('issues the last unit with the value left, so no cent stays behind', async () => {
    const store = getStore();
    const { product, warehouse } = fresh();
    await receive(store, product, warehouse, 3, '10');
    await receive(store, product, warehouse, 0.001, '0.01');
    for (const qty of [1, 1, 1.001]) {
      await issueStock({ store, key: newId(), ref: ref('sales_order'), warehouse, lines: [{ product, qty }] });
    }
    expect(await record(store, product, warehouse)).toMatchObject({ qty: 0, valueCents: 0 });
    expect(await movesCents(store, product, warehouse)).toBe(0);
  });

  it('carries cost through a transfer and values a stocktake gain at the average', async () => {
    const store = getStore();
    const { product, warehouse, warehouse2 } = fresh();
    await receive(store, product, warehouse, 3, '10');
    await receive(store, product, warehouse, 1, '14');
    await transferStock({
      store,
      key: newId(),
      ref: ref('stock_transfer'),
      fromWarehouse: warehouse,
      toWarehouse: warehouse2,
      lines: [{ product, qty: 2 }],
    });
    const [to] = await getLevels({ store, product, warehouse: warehouse2 });
    expect(to).toMatchObject({ onHand: 2, unitCost: 11, value: 22 });
    await adjustStock({
      store,
      key: newId(),
      ref: ref('stocktake'),
      warehouse: warehouse2,
      lines: [{ product, counted: 3 }],
    });
    const [counted] = await getLevels({ store, product, warehouse: warehouse2 });
    expect(counted).toMatchObject({ onHand: 3, value: 33 });
  });

  it('takes the value of an undone receipt back out exactly', async () => {
    const store = getStore();
    const { product, warehouse } = fresh();
    await receive(store, product, warehouse, 3, '10');
    const key = newId();
    await receiveStock({
      store,
      key,
      ref: ref('goods_receipt'),
      warehouse,
      lines: [{ product, qty: 7, unitCost: '13.33' }],
    });
    await undoOperation({ store }, key);
    expect(await record(store, product, warehouse)).toMatchObject({ qty: 3000, valueCents: 3000 });
    expect(await movesCents(store, product, warehouse)).toBe(3000);
  });
});

type Step =
  | { kind: 'receive'; w: number; qty: number; cost: number }
  | { kind: 'issue'; w: number; qty: number }
  | { kind: 'transfer'; w: number; qty: number }
  | { kind: 'count'; w: number; counted: number };

const qty = fc.integer({ min: 1, max: 9_999 }).map((milli) => milli / 1000);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), w: fc.nat(1), qty, cost: fc.integer({ min: 0, max: 99_999 }) }),
  fc.record({ kind: fc.constant('issue' as const), w: fc.nat(1), qty }),
  fc.record({ kind: fc.constant('transfer' as const), w: fc.nat(1), qty }),
  fc.record({
    kind: fc.constant('count' as const),
    w: fc.nat(1),
    counted: fc.integer({ min: 0, max: 9_999 }).map((m) => m / 1000),
  }),
);

onEveryStore('valuation property', (getStore) => {
  it('keeps stock value equal to the sum of move values, to the cent, over any sequence', async () => {
    const store = getStore();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const { product, warehouse, warehouse2 } = fresh();
        const ws = [warehouse, warehouse2];
        for (const s of steps) {
          const w = ws[s.w];
          try {
            if (s.kind === 'receive') await receive(store, product, w, s.qty, (s.cost / 100).toFixed(2));
            if (s.kind === 'issue')
              await issueStock({
                store,
                key: newId(),
                ref: ref('sales_order'),
                warehouse: w,
                lines: [{ product, qty: s.qty }],
              });
            if (s.kind === 'transfer')
              await transferStock({
                store,
                key: newId(),
                ref: ref('stock_transfer'),
                fromWarehouse: w,
                toWarehouse: ws[1 - s.w],
                lines: [{ product, qty: s.qty }],
              });
            if (s.kind === 'count')
              await adjustStock({
                store,
                key: newId(),
                ref: ref('stocktake'),
                warehouse: w,
                lines: [{ product, counted: s.counted }],
              });
          } catch (err) {
            // Short stock is refused and moves nothing; anything else is a failure.
            if (!(err instanceof Error && 'code' in err && err.code === 'RULE_FAILED')) throw err;
          }
        }
        for (const w of ws) {
          const cost = await record(store, product, w);
          const levels = await getLevels({ store, product, warehouse: w });
          const onHand = Math.round(levels.reduce((t, l) => t + l.onHand, 0) * 1000);
          expect(cost?.qty ?? 0).toBe(onHand);
          expect(cost?.valueCents ?? 0).toBe(await movesCents(store, product, w));
          expect(cost?.valueCents ?? 0).toBeGreaterThanOrEqual(0);
          if (onHand === 0) expect(cost?.valueCents ?? 0).toBe(0);
          if (levels.length > 0)
            expect(Math.round(levels.reduce((t, l) => t + (l.value ?? 0), 0) * 100)).toBe(cost?.valueCents ?? 0);
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
