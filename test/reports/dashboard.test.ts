// The dashboard's figures (GET /api/reports/dashboard) come from the report kinds:
// each equals what a run of the same report with the same parameters says, on
// the seeded sales (test/reports/seed.ts), on every store adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends';
import { runReport, seedSales, type Seeded } from './seed';

const withoutDrill = (rows: Array<Record<string, unknown>>) => rows.map(({ drill: _drill, ...values }) => values);

for (const backend of backends()) {
  describe(`dashboard figures [${backend.name}]`, () => {
    let s: Seeded;
    beforeAll(async () => {
      s = await seedSales({ mongoUri: backend.mongoUri });
    });
    afterAll(async () => {
      await s?.t.close();
    });

    it("shows the caller's day: today's sales, the 14-day trend, top products and states of 30 days", async () => {
      const res = await s.admin.call('GET', '/api/reports/dashboard?today=2026-02-20');
      expect(res.status).toBe(200);
      const view = res.body;
      // O3 (2026-02-20, 1000) is today's only sale; O2 (02-05) is outside 14 days, O4 is a draft.
      expect(view.today).toBe('2026-02-20');
      expect(view.todaySales).toBe(1000);
      expect(view.salesTrend.params).toEqual({ from: '2026-02-07', to: '2026-02-20', granularity: 'day' });
      expect(withoutDrill(view.salesTrend.rows)).toEqual([{ period: '2026-02-20', orders: 1, qty: 20, amount: 1000 }]);
      expect(view.topProducts.rows.map((r: any) => [r.sku, r.amount])).toEqual([
        ['LS-001', 1000],
        ['FR-001', 270],
      ]);
      expect(view.orderStates.rows.map((r: any) => [r.state, r.count, r.amount])).toEqual([['approved', 2, 1270]]);
    });

    it('equals a run of each report with the parameters it names', async () => {
      const view = (await s.admin.call('GET', '/api/reports/dashboard?today=2026-02-20')).body;
      for (const figure of [view.salesTrend, view.topProducts, view.orderStates]) {
        const run = await runReport(s.admin, figure.report, { params: figure.params });
        expect(run.status).toBe('done');
        expect(figure.rows).toEqual(run.result.rows);
        expect(figure.columns).toEqual(run.result.columns);
      }
    });

    it('leaves out a figure whose report the caller may not run', async () => {
      const res = await s.clerk.call('GET', '/api/reports/dashboard?today=2026-02-20');
      expect(res.status).toBe(200);
      expect(res.body.todaySales).toBe(1000);
      expect(res.body.orderStates).toBeNull();
      expect((await s.clerk.call('POST', '/api/reports/order_status/runs', { params: {} })).status).toBe(403);
    });

    it('refuses a day that is no date with 400 naming it', async () => {
      const res = await s.admin.call('GET', '/api/reports/dashboard?today=2026-13-45');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors[0].path).toBe('/querystring/today');
    });
  });
}
