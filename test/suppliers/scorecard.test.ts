// Supplier evaluation over real HTTP on every store: seeded purchase orders and
// goods receipts whose figures are computed by hand below, the scorecard report,
// the rating job, and the last prices of each supplier for a product.
//
//   PO-A S1 2026-01-05 exp 01-10  P1 10×100      R0 S1 01-09 P1 10/0      (on time)
//   PO-B S2 2026-01-06 exp 01-12  P1 10×90
//   PO-C S1 2026-02-02 exp 02-10  P1 20×110, P2 10×50
//                                                R1 S1 02-09 P1 18/2, P2 10/0 (on time)
//   PO-D S2 2026-02-03 exp 02-08  P1 10×95       R2 S2 02-10 P1 10/0      (late)
//   PO-E S1 2026-02-15 exp 02-20  P1 10×99       R3 S1 02-22 P1 9/1       (late)
//
// February, S1: on time 1/2 = 0.5; quality 37/40 = 0.925;
//   vs last price: C-P1 20×(110−100), E-P1 10×(99−110) → 90 / (2000 + 1100) = 0.029;
//   vs others: C-P1 20×(110−90), E-P1 10×(99−95) → 440 / (1800 + 950) = 0.16;
//   score 40·0.5 + 40·0.925 + 20·(1 − 5·0.16) = 61 → rating 3.
// February, S2: on time 0/1; quality 1; vs last 10×(95−90) / 900 = 0.0556;
//   vs others 10×(95−110) / 1100 = −0.1364 (cheaper: full price score); score 60 → 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSupplierRatings, SUPPLIER_RATING_JOB } from '../../engine/suppliers/index';
import { backends } from '../support/backends';
import { create, runReport, startEngine, transition, type Http } from '../finance/http';
import type { TestApp } from '../support/app';

for (const backend of backends()) {
  describe(`supplier evaluation [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<string, Http>;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      ({ t, as } = await startEngine(backend));
      const { admin, buyer, keeper } = as;
      ids.s1 = (await create(admin, 'supplier', { code: 'S1', name: '深圳明视光学', rating: 1 })).id;
      ids.s2 = (await create(admin, 'supplier', { code: 'S2', name: '厦门清晰镜片', rating: 5 })).id;
      ids.w = (await create(admin, 'warehouse', { code: 'W-SC', name: '评估仓' })).id;
      ids.p1 = (await create(admin, 'product', { sku: 'SC-P1', name: '树脂镜片', price: 200 })).id;
      ids.p2 = (await create(admin, 'product', { sku: 'SC-P2', name: '镜布', price: 80 })).id;
      const po = async (supplier: string, orderDate: string, expectedDate: string, lines: number[][]) => {
        const doc = await create(buyer, 'purchase_order', {
          supplier,
          orderDate,
          expectedDate,
          warehouse: ids.w,
          lines: lines.map(([p, qty, price]) => ({ product: p === 1 ? ids.p1 : ids.p2, qty, price })),
        });
        return transition(buyer, 'purchase_order', doc, 'submit');
      };
      const receive = async (supplier: string, order: string, receiptDate: string, lines: number[][]) => {
        const doc = await create(keeper, 'goods_receipt', {
          supplier,
          purchaseOrder: order,
          warehouse: ids.w,
          receiptDate,
          lines: lines.map(([p, acceptedQty, rejectedQty]) => ({
            product: p === 1 ? ids.p1 : ids.p2,
            acceptedQty,
            rejectedQty,
          })),
        });
        return transition(keeper, 'goods_receipt', doc, 'post');
      };
      const a = await po(ids.s1, '2026-01-05', '2026-01-10', [[1, 10, 100]]);
      await po(ids.s2, '2026-01-06', '2026-01-12', [[1, 10, 90]]);
      const c = await po(ids.s1, '2026-02-02', '2026-02-10', [
        [1, 20, 110],
        [2, 10, 50],
      ]);
      const d = await po(ids.s2, '2026-02-03', '2026-02-08', [[1, 10, 95]]);
      const e = await po(ids.s1, '2026-02-15', '2026-02-20', [[1, 10, 99]]);
      await receive(ids.s1, a.id, '2026-01-09', [[1, 10, 0]]);
      await receive(ids.s1, c.id, '2026-02-09', [
        [1, 18, 2],
        [2, 10, 0],
      ]);
      await receive(ids.s2, d.id, '2026-02-10', [[1, 10, 0]]);
      await receive(ids.s1, e.id, '2026-02-22', [[1, 9, 1]]);
      ids.poE = e.id;
      ids.poD = d.id;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('scores each supplier for the period with the hand-computed figures', async () => {
      const result = await runReport(as.buyer, 'supplier_scorecard', { from: '2026-02-01', to: '2026-02-28' });
      const rows = result.rows.map(({ drill: _drill, ...values }: any) => values);
      expect(rows).toEqual([
        {
          supplier: '深圳明视光学',
          code: 'S1',
          orders: 2,
          receipts: 2,
          onTimeRate: 0.5,
          acceptedQty: 37,
          rejectedQty: 3,
          qualityRate: 0.925,
          priceChange: 0.029,
          priceVsOthers: 0.16,
          score: 61,
          rating: 3,
        },
        {
          supplier: '厦门清晰镜片',
          code: 'S2',
          orders: 1,
          receipts: 1,
          onTimeRate: 0,
          acceptedQty: 10,
          rejectedQty: 0,
          qualityRate: 1,
          priceChange: 0.0556,
          priceVsOthers: -0.1364,
          score: 60,
          rating: 3,
        },
      ]);
      expect(result.rows[0].drill).toEqual({
        type: 'goods_receipt',
        query: { supplier: ids.s1, from: '2026-02-01', to: '2026-02-28' },
        states: ['posted'],
      });
      const one = await runReport(as.buyer, 'supplier_scorecard', { supplier: ids.s2, to: '2026-01-31' });
      // January, S2 alone: an order, no receipt, cheaper than S1's 100 → only the price part scores.
      expect(one.rows.map((r: any) => [r.code, r.orders, r.receipts, r.priceVsOthers])).toEqual([['S2', 1, 0, -0.1]]);
      expect(one.rows[0].score).toBe(100);
    });

    it('updates each rating from the last 90 days on a daily schedule, with the change in the history', async () => {
      expect(t.app.engine.schedules.list()).toContainEqual(
        expect.objectContaining({ queue: 'reports', name: SUPPLIER_RATING_JOB, everyMs: 86_400_000 }),
      );
      // 2025-12-01 … 2026-03-01 takes in January too. S1: on time 2/3, quality 47/50, price as in February:
      // 40·0.6667 + 40·0.94 + 20·0.2 = 68.3 → 3 (was 1). S2: 60 → 3 (was 5).
      const report = await updateSupplierRatings({ engine: t.app.engine, now: new Date('2026-03-01T02:00:00Z') });
      expect(report).toEqual({ scored: 2, updated: 2, conflicts: 0 });
      const s1 = (await as.buyer.call('GET', `/api/documents/supplier/${ids.s1}`)).body;
      const s2 = (await as.buyer.call('GET', `/api/documents/supplier/${ids.s2}`)).body;
      expect([s1.data.rating, s2.data.rating]).toEqual([3, 3]);
      const history = (await as.buyer.call('GET', `/api/documents/supplier/${ids.s1}/history`)).body;
      const last = (history.items ?? history).at(-1);
      expect(last.comment).toContain('68.3');
      // Run again: nothing to change, nothing written.
      const again = await updateSupplierRatings({ engine: t.app.engine, now: new Date('2026-03-01T02:00:00Z') });
      expect(again).toEqual({ scored: 2, updated: 0, conflicts: 0 });
      expect((await as.buyer.call('GET', `/api/documents/supplier/${ids.s1}`)).body.version).toBe(s1.version);
    });

    it('gives the last price of each supplier for a product, cheapest first, to purchasers only', async () => {
      const res = await as.buyer.call('GET', `/api/products/${ids.p1}/supplier-prices`);
      expect(res.status).toBe(200);
      expect(res.body.product).toBe(ids.p1);
      expect(
        res.body.items.map((i: any) => [i.code, i.price, i.previousPrice, i.orderDate, i.orders, i.purchaseOrder.id]),
      ).toEqual([
        ['S2', 95, 90, '2026-02-03', 2, ids.poD],
        ['S1', 99, 110, '2026-02-15', 3, ids.poE],
      ]);
      expect(res.body.items[0]).toMatchObject({ name: '厦门清晰镜片', rating: 3 });
      const p2 = await as.buyer.call('GET', `/api/products/${ids.p2}/supplier-prices`);
      expect(p2.body.items.map((i: any) => [i.code, i.price, i.previousPrice, i.orders])).toEqual([
        ['S1', 50, null, 1],
      ]);
      expect((await as.clerk.call('GET', `/api/products/${ids.p1}/supplier-prices`)).status).toBe(403);
      const missing = await as.buyer.call('GET', '/api/products/no-such-product/supplier-prices');
      expect(missing.status).toBe(404);
    });
  });
}
