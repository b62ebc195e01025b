// The forecast's store path on every store: eight weeks of sold orders, entered
// in 箱 (= 12 件) and in 件 mixed, are read back as daily demand in the base unit,
// and `refreshForecastPoints` writes the reorder point the model gives on that
// series — then the replenishment check uses it for the product's suggestion.
// The expected point is computed here from the hand-built base-unit series with
// the pure model; counting the quantities as entered would give a different one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsCollection } from '../../engine/documents/index';
import { demandHistory, forecastDemand, reorderPointFromForecast } from '../../engine/forecast/index';
import { receiveStock } from '../../engine/inventory/operations';
import { forecastPoints, refreshForecastPoints } from '../../engine/replenishment/index';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';
import { backends } from '../support/backends';

const NOW = new Date('2026-11-30T08:00:00Z');
const DAYS = 56;
const FIRST = Date.parse('2026-10-05T00:00:00Z');
const dateOf = (t: number): string => new Date(FIRST + t * 86_400_000).toISOString().slice(0, 10);
const WEEK = [6, -3, -3, 0, 3, 9, -12];
/** Daily demand in 件: a level of 30 rising one a week, and a weekly pattern. */
const demand = (t: number): number => 30 + Math.floor(t / 7) + WEEK[t % 7];
const LEAD_TIME = 7;
const SERVICE_LEVEL = 0.95;

/** The point the model gives on a daily series, as refreshForecastPoint computes it. */
function pointOf(values: number[]): number {
  const forecast = forecastDemand(values, Math.max(28, LEAD_TIME));
  return reorderPointFromForecast({
    forecast: forecast.values,
    sigma: forecast.backtest!.rmse,
    leadTimeDays: LEAD_TIME,
    serviceLevel: SERVICE_LEVEL,
  }).reorderPoint;
}

for (const backend of backends()) {
  describe(`forecast reorder points from the store [${backend.name}]`, () => {
    let t: TestApp;
    let token: string;
    const ids: Record<string, string> = {};

    const create = async (type: string, data: Record<string, unknown>): Promise<string> => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/documents/${type}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { data },
      });
      if (res.statusCode !== 201) throw new Error(`create ${type}: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string }>().id;
    };

    beforeAll(async () => {
      t = await buildTestApp({ mongoUri: backend.mongoUri });
      token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
      ids.supplier = await create('supplier', { code: 'FC-S', name: '宁波镜架厂', leadTimeDays: LEAD_TIME });
      ids.w = await create('warehouse', { code: 'FC-W', name: '宁波仓' });
      ids.other = await create('warehouse', { code: 'FC-W2', name: '杭州仓' });
      ids.p = await create('product', {
        sku: 'FC-P',
        name: '板材镜架',
        unit: '件',
        units: [{ unit: '箱', factor: 12 }],
        price: 80,
        serviceLevel: SERVICE_LEVEL,
        preferredSupplier: ids.supplier,
      });
      ids.q = await create('product', { sku: 'FC-Q', name: '镜布', unit: '件', price: 2 });
      await receiveStock({
        store: t.store,
        key: 'seed-forecast-points',
        ref: { type: 'seed', id: 'seed' },
        warehouse: ids.w,
        lines: [{ product: ids.p, qty: 10 }],
      });
      // Each day's demand as whole boxes on one order and the rest in pieces on another
      // (the base unit named on even days, left empty on odd ones). Beside them lines
      // that must not count: another product, another warehouse, an order not sold.
      const record = (n: number, t0: number, state: string, warehouse: string, lines: unknown[]) => ({
        _id: `fc${String(n).padStart(22, '0')}`,
        type: 'sales_order',
        definitionVersion: 1,
        number: `SO-FC-${n}`,
        state,
        data: { customer: 'c', warehouse, orderDate: dateOf(t0), lines },
        version: 1,
        approval: null,
        createdBy: 'admin',
        createdAt: new Date(FIRST + t0 * 86_400_000),
        updatedBy: 'admin',
        updatedAt: new Date(FIRST + t0 * 86_400_000),
      });
      const orders = [];
      for (let d = 0; d < DAYS; d += 1) {
        const boxes = Math.floor(demand(d) / 12);
        const pieces = demand(d) - boxes * 12;
        orders.push(
          record(4 * d, d, d % 3 === 0 ? 'shipped' : 'approved', ids.w, [
            { product: ids.p, qty: boxes, unit: '箱', price: 960 },
            { product: ids.q, qty: 5, price: 2 },
          ]),
          record(4 * d + 1, d, 'approved', ids.w, [
            { product: ids.p, qty: pieces, ...(d % 2 === 0 ? { unit: '件' } : {}), price: 80 },
          ]),
          record(4 * d + 2, d, 'approved', ids.other, [{ product: ids.p, qty: 1, unit: '箱', price: 960 }]),
          record(4 * d + 3, d, 'draft', ids.w, [{ product: ids.p, qty: 3, unit: '箱', price: 960 }]),
        );
      }
      await documentsCollection(t.store, 'sales_order').insertMany(orders);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('reads the sold quantities back per day in the base unit', async () => {
      const history = await demandHistory(t.store, {
        product: ids.p,
        warehouse: ids.w,
        until: dateOf(DAYS - 1),
        days: 182,
      });
      expect(history.dates).toEqual(Array.from({ length: DAYS }, (_, d) => dateOf(d)));
      expect(history.values).toEqual(Array.from({ length: DAYS }, (_, d) => demand(d)));
    });

    it('writes the reorder point of the base-unit demand and the replenishment check uses it', async () => {
      const expected = pointOf(Array.from({ length: DAYS }, (_, d) => demand(d)));
      // Counted as entered (2 箱 as 2) the point would be another, far lower one.
      const asEntered = Array.from({ length: DAYS }, (_, d) => {
        const boxes = Math.floor(demand(d) / 12);
        return boxes + demand(d) - boxes * 12;
      });
      expect(pointOf(asEntered)).toBeLessThan(expected / 2);

      expect(await refreshForecastPoints({ store: t.store, definitions: t.app.engine.definitions, now: NOW })).toEqual({
        refreshed: 1,
      });
      const point = await forecastPoints(t.store).findById(`${ids.p}@${ids.w}`);
      expect(point).toMatchObject({
        product: ids.p,
        warehouse: ids.w,
        reorderPoint: expected,
        leadTimeDays: LEAD_TIME,
        serviceLevel: SERVICE_LEVEL,
        method: 'holt_winters',
      });
      // Lead-time demand is about a week of ~37 件 a day, in pieces, not boxes.
      expect(point!.leadTimeDemand).toBeGreaterThan(200);
      // The other warehouse holds no stock of it, so it gets no point; the product without a service level neither.
      expect(await forecastPoints(t.store).find({})).toHaveLength(1);

      const res = await t.app.inject({
        method: 'GET',
        url: `/api/inventory/replenishment?product=${ids.p}&status=open`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      const open = res.json<{ items: Array<{ warehouse: string; reorderPoint: number; projected: number }> }>().items;
      expect(open.map((s) => [s.warehouse, s.reorderPoint, s.projected])).toEqual([[ids.w, expected, 10]]);
    });
  });
}
