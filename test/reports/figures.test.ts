// Report figures against hand-computed expectations on the seeded sales
// (test/reports/seed.ts), on every store adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { runReport, seedSales, type Seeded } from './seed';

for (const backend of backends()) {
  describe(`report figures [${backend.name}]`, () => {
    let s: Seeded;
    beforeAll(async () => {
      s = await seedSales({ mongoUri: backend.mongoUri });
    });
    afterAll(async () => {
      await s?.t.close();
    });

    it('sums sales per month from approved orders only, with a line chart hint and a drill-down', async () => {
      const run = await runReport(s.admin, 'sales_trend', { params: { from: '2026-01-01', to: '2026-12-31' } });
      expect(run.status).toBe('done');
      expect(run.result.rows.map(({ drill: _drill, ...v }: any) => v)).toEqual([
        { period: '2026-01', orders: 1, qty: 15, amount: 1250 },
        { period: '2026-02', orders: 2, qty: 23, amount: 1270 },
      ]);
      expect(run.result.chart).toEqual({ type: 'line', x: 'period', y: ['amount'] });
      expect(run.result.rows[1].drill).toMatchObject({
        type: 'sales_order',
        query: { from: '2026-02-01', to: '2026-02-28' },
        states: ['approved', 'shipped', 'completed'],
      });
    });

    it('ranks customers by sales, and filters by product category', async () => {
      const all = await runReport(s.admin, 'customer_ranking', { params: {} });
      expect(all.result.rows.map((r: any) => [r.customer, r.orders, r.amount])).toEqual([
        ['上海明亮眼镜有限公司', 2, 1520],
        ['杭州视界眼镜店', 1, 1000],
      ]);
      expect(all.result.rows[0].drill.query).toEqual({ customer: s.ids.c1 });
      const lenses = await runReport(s.admin, 'customer_ranking', { params: { category: 'lenses' } });
      expect(lenses.result.rows.map((r: any) => [r.customer, r.amount])).toEqual([
        ['杭州视界眼镜店', 1000],
        ['上海明亮眼镜有限公司', 250],
      ]);
    });

    it('ranks products by sales within the period', async () => {
      const run = await runReport(s.admin, 'product_ranking', { params: { limit: 5 } });
      expect(run.result.rows.map((r: any) => [r.rank, r.sku, r.qty, r.amount])).toEqual([
        [1, 'FR-001', 13, 1270],
        [2, 'LS-001', 25, 1250],
      ]);
      const feb = await runReport(s.admin, 'product_ranking', { params: { from: '2026-02-01', to: '2026-02-28' } });
      expect(feb.result.rows.map((r: any) => [r.sku, r.amount])).toEqual([
        ['LS-001', 1000],
        ['FR-001', 270],
      ]);
    });

    it('shows stock balance with reservations of the approved orders', async () => {
      const run = await runReport(s.keeper, 'stock_balance', { params: { warehouse: s.ids.w } });
      const bySku = Object.fromEntries(run.result.rows.map((r: any) => [r.sku, [r.onHand, r.reserved, r.available]]));
      expect(bySku).toEqual({ 'FR-001': [1000, 13, 987], 'LS-001': [1000, 25, 975] });
      expect(run.result.rows[0].drill.type).toBe('inventory.ledger');
    });

    it('counts orders per state', async () => {
      const run = await runReport(s.admin, 'order_status', { params: {} });
      const byState = Object.fromEntries(run.result.rows.map((r: any) => [r.state, [r.count, r.amount]]));
      expect(byState).toEqual({ approved: [3, 2520], draft: [1, 100] });
    });

    it('lists every product on hand as slow-moving when nothing was issued', async () => {
      const run = await runReport(s.admin, 'slow_moving', { params: { days: 30 } });
      expect(run.result.rows.map((r: any) => [r.sku, r.onHand, r.issued])).toEqual([
        ['FR-001', 1000, 0],
        ['LS-001', 1000, 0],
      ]);
    });

    it('times each state from the events: every approved order left draft once', async () => {
      const run = await runReport(s.admin, 'time_in_state', { params: { type: 'sales_order' } });
      const draft = run.result.rows.find((r: any) => r.state === 'draft');
      expect(draft).toMatchObject({ type: 'sales_order', count: 3 });
      expect(draft.p90Hours).toBeGreaterThanOrEqual(draft.avgHours - 0.01);
    });

    it('runs a saved report an admin defined, beside the built-ins', async () => {
      const saved = await s.admin.call('POST', '/api/reports/saved', {
        key: 'custom_sales_by_customer',
        title: { 'zh-CN': '客户销售额', en: 'Sales by customer' },
        documentType: 'sales_order',
        states: ['approved'],
        groupBy: ['customer'],
        measures: [
          { op: 'sum', field: 'total', title: { 'zh-CN': '金额', en: 'Amount' } },
          { op: 'count', title: { 'zh-CN': '单数', en: 'Orders' } },
        ],
        roles: ['sales_manager'],
      });
      expect(saved.status).toBe(201);
      const list = (await s.admin.call('GET', '/api/reports')).body.items.map((k: any) => k.key);
      expect(list).toEqual(expect.arrayContaining(['sales_trend', 'supplier_performance', 'custom_sales_by_customer']));
      expect((await s.clerk.call('GET', '/api/reports')).body.items.map((k: any) => k.key)).not.toContain(
        'custom_sales_by_customer',
      );
      const run = await runReport(s.admin, 'custom_sales_by_customer', { params: {} });
      expect(run.result.rows.map((r: any) => [r.customer, r.m0, r.m1])).toEqual([
        [s.ids.c1, 1520, 2],
        [s.ids.c2, 1000, 1],
      ]);
      expect(run.result.rows[0].drill).toEqual({
        type: 'sales_order',
        query: { customer: s.ids.c1 },
        states: ['approved'],
      });
    });

    it('refuses bad parameters with 422 naming the field, and a report the role may not run with 403', async () => {
      const bad = await s.admin.call('POST', '/api/reports/sales_trend/runs', { params: { from: 'yesterday' } });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].path).toBe('/params/from');
      const unknown = await s.admin.call('POST', '/api/reports/sales_trend/runs', { params: { shop: 'x' } });
      expect(unknown.body.errors[0].path).toBe('/params/shop');
      expect((await s.clerk.call('POST', '/api/reports/stock_balance/runs', { params: {} })).status).toBe(403);
      expect((await s.clerk.call('POST', '/api/reports/no_such/runs', { params: {} })).status).toBe(404);
    });
  });
}
