// After-sales cases (售后服务单) over real HTTP on every store: an exchange
// creates its sales return and the goods go back into stock; a refunded return
// into quarantine credits the customer once received; the resolve and close
// guards; the SLA escalation; the analysis report by kind, product and cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAfterSalesSla } from '../../engine/aftersales/index';
import { receiveStock } from '../../engine/inventory/operations';
import { backends } from '../support/backends';
import { login, type TestApp } from '../support/app';
import {
  create,
  expectVouchersBalance,
  runReport,
  startEngine,
  transition,
  type Doc,
  type Http,
} from '../finance/http';

const HOUR = 3_600_000;

for (const backend of backends()) {
  describe(`after-sales cases [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<string, Http>;
    const ids: Record<string, string> = {};

    const onHand = async (warehouse: string): Promise<number> => {
      const res = await as.keeper.call('GET', `/api/inventory/levels?product=${ids.p}&warehouse=${warehouse}`);
      return res.body.reduce((s: number, r: { onHand: number }) => s + r.onHand, 0);
    };
    const get = async (c: Http, id: string): Promise<Doc> =>
      (await c.call<Doc>('GET', `/api/documents/after_sales/${id}`)).body;
    const patch = async (c: Http, doc: Doc, data: Record<string, unknown>): Promise<Doc> => {
      const res = await c.call<Doc>('PATCH', `/api/documents/after_sales/${doc.id}`, {
        data: { ...doc.data, ...data },
        version: doc.version,
      });
      if (res.status !== 200) throw new Error(`patch: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    /** Opens a case as the clerk, starts it, records the resolution and resolves it as the sales manager. */
    const resolved = async (data: Record<string, unknown>): Promise<Doc> => {
      const opened = await create(as.clerk, 'after_sales', { customer: ids.c, salesOrder: ids.so, ...data });
      const started = await transition(as.clerk, 'after_sales', opened, 'start');
      const withResolution = await patch(as.salesBoss, started, { resolution: '同意退换' });
      return transition(as.salesBoss, 'after_sales', withResolution, 'resolve');
    };
    const createdReturn = async (caseId: string): Promise<Doc> => {
      const links = (await as.salesBoss.call('GET', `/api/documents/after_sales/${caseId}/links`)).body;
      const items = Array.isArray(links) ? links : links.items;
      const link = items.find((l: any) => l.type === 'sales_return' && l.relation === 'created');
      expect(link).toBeDefined();
      return (await as.keeper.call<Doc>('GET', `/api/documents/sales_return/${link.id}`)).body;
    };

    beforeAll(async () => {
      ({ t, as } = await startEngine(backend));
      ids.c = (await create(as.admin, 'customer', { code: 'AS-C', name: '南京亮视眼镜', creditLimit: 100000 })).id;
      ids.w = (await create(as.admin, 'warehouse', { code: 'AS-W', name: '南京仓' })).id;
      ids.q = (await create(as.admin, 'warehouse', { code: 'AS-Q', name: '隔离仓' })).id;
      ids.p = (await create(as.admin, 'product', { sku: 'AS-P', name: '防雾镜片', price: 50 })).id;
      await receiveStock({
        store: t.store,
        key: 'seed-after-sales',
        ref: { type: 'seed', id: 'seed' },
        warehouse: ids.w,
        lines: [{ product: ids.p, qty: 100 }],
      });
      const order = await create(as.clerk, 'sales_order', {
        customer: ids.c,
        warehouse: ids.w,
        orderDate: '2026-03-01',
        lines: [{ product: ids.p, qty: 10, price: 50 }],
      });
      await transition(as.keeper, 'sales_order', await transition(as.clerk, 'sales_order', order, 'submit'), 'ship');
      ids.so = order.id;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('an exchange creates the approved sales return on resolve, and receiving it restocks the warehouse', async () => {
      expect(await onHand(ids.w)).toBe(90);
      const c = await resolved({
        kind: 'exchange',
        cause: 'quality',
        problem: '镜片有划痕，要求换货',
        lines: [{ product: ids.p, qty: 2, price: 50 }],
      });
      expect(c.state).toBe('resolved');
      expect(c.data).toMatchObject({ slaHours: 48, creditAmount: 0 });
      const ret = await createdReturn(c.id);
      expect(ret.state).toBe('approved');
      expect(ret.data).toMatchObject({
        afterSales: c.id,
        customer: ids.c,
        salesOrder: ids.so,
        receiveWarehouse: ids.w,
        lines: [{ product: ids.p, qty: 2, price: 50, amount: 100 }],
      });
      expect(ret.data.creditAmount).toBeUndefined();
      await transition(as.keeper, 'sales_return', ret, 'receive');
      expect(await onHand(ids.w)).toBe(92);
      // No money flows on an exchange.
      expect((await as.clerk.call('GET', `/api/customers/${ids.c}/balance`)).body.credit).toBe(0);
      // Resolving created the return once: the links list one.
      const links = (await as.salesBoss.call('GET', `/api/documents/after_sales/${c.id}/links`)).body;
      expect((Array.isArray(links) ? links : links.items).filter((l: any) => l.type === 'sales_return')).toHaveLength(
        1,
      );
    });

    it('a refunded return goes into quarantine and credits the customer once the goods are received', async () => {
      const c = await resolved({
        kind: 'return',
        cause: 'damaged',
        problem: '运输破损',
        quarantine: true,
        quarantineWarehouse: ids.q,
        lines: [{ product: ids.p, qty: 3, price: 50 }],
      });
      expect(c.data.creditAmount).toBe(150);
      const ret = await createdReturn(c.id);
      expect(ret.data).toMatchObject({ receiveWarehouse: ids.q, quarantine: true, creditAmount: 150 });
      expect((await as.clerk.call('GET', `/api/customers/${ids.c}/balance`)).body.credit).toBe(0);
      const before = await onHand(ids.w);
      await transition(as.keeper, 'sales_return', ret, 'receive');
      expect(await onHand(ids.q)).toBe(3);
      expect(await onHand(ids.w)).toBe(before);
      expect((await as.clerk.call('GET', `/api/customers/${ids.c}/balance`)).body).toMatchObject({
        credit: 150,
        balance: -150,
      });
      // The refund's voucher: the revenue given back against what the customer owes, once.
      const refunds = (await expectVouchersBalance(as.admin)).filter(
        (v) => v.data.sourceId === ret.id && v.data.lines.some((l: { account: string }) => l.account === '6001'),
      );
      expect(refunds).toHaveLength(1);
      expect(refunds[0].data.lines.map((l: Record<string, unknown>) => [l.account, l.debit, l.credit])).toEqual([
        ['6001', 150, 0],
        ['1122', 0, 150],
      ]);
    });

    it('refuses to resolve a return without its items, in the caller’s language, and changes nothing', async () => {
      const opened = await create(as.clerk, 'after_sales', {
        customer: ids.c,
        salesOrder: ids.so,
        kind: 'return',
        cause: 'wrong_item',
        problem: '发错货',
        resolution: '退货',
      });
      const started = await transition(as.clerk, 'after_sales', opened, 'start');
      const zh = await as.salesBoss.call('POST', `/api/documents/after_sales/${started.id}/transitions/resolve`, {
        version: started.version,
      });
      expect(zh.status).toBe(422);
      expect(zh.body.detail ?? zh.body.title).toContain('退换明细');
      // The same refusal in English (real HTTP, Accept-Language: en).
      const address = t.app.server.address() as { port: number };
      const token = await login(t.app, 'fin.sales.boss', `Tq9-${'fin.sales.boss'.length}-Wx7#Lm2026`);
      const res = await fetch(
        `http://127.0.0.1:${address.port}/api/documents/after_sales/${started.id}/transitions/resolve`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': 'en', authorization: `Bearer ${token}` },
          body: JSON.stringify({ version: started.version }),
        },
      );
      expect(res.status).toBe(422);
      expect(JSON.stringify(await res.json())).toContain('returned items');
      const after = await get(as.salesBoss, started.id);
      expect([after.state, after.version]).toEqual(['in_progress', started.version]);
    });

    it('closes a case only once the customer’s satisfaction is recorded', async () => {
      const c = await resolved({ kind: 'repair', cause: 'quality', problem: '镜腿松动', product: ids.p });
      const refused = await as.clerk.call('POST', `/api/documents/after_sales/${c.id}/transitions/close`, {
        version: c.version,
      });
      expect(refused.status).toBe(422);
      const rated = await patch(as.clerk, c, { satisfaction: 4, feedback: '处理及时' });
      const closed = await transition(as.clerk, 'after_sales', rated, 'close');
      expect(closed.state).toBe('closed');
      expect(closed.data).toMatchObject({ satisfaction: 4, slaHours: 72 });
    });

    it('escalates a case past its SLA to the sales managers once, and resolves the alert when the case ends', async () => {
      const c = await create(as.clerk, 'after_sales', {
        customer: ids.c,
        kind: 'complaint',
        cause: 'service',
        problem: '客服态度差',
      });
      expect(c.data.slaHours).toBe(24);
      const created = new Date(((await get(as.clerk, c.id)) as Doc & { createdAt: string }).createdAt).getTime();
      const early = await scanAfterSalesSla({ store: t.store, now: new Date(created + 23 * HOUR) });
      expect(early.escalated).toBe(0);
      const late = await scanAfterSalesSla({ store: t.store, now: new Date(created + 25 * HOUR) });
      expect(late.escalated).toBe(1);
      expect((await scanAfterSalesSla({ store: t.store, now: new Date(created + 26 * HOUR) })).escalated).toBe(0);
      const alerts = (await as.admin.call('GET', '/api/alerts?kind=after_sales_overdue')).body;
      const list = Array.isArray(alerts) ? alerts : alerts.items;
      expect(list.map((a: any) => a.subject.id)).toEqual([c.id]);
      const inbox = (await as.salesBoss.call('GET', '/api/notifications')).body;
      const notes = Array.isArray(inbox) ? inbox : inbox.items;
      expect(notes.some((n: any) => n.kind === 'alert.after_sales_overdue')).toBe(true);
      const current = await get(as.salesBoss, c.id);
      const rejected = await as.salesBoss.call('POST', `/api/documents/after_sales/${c.id}/transitions/reject`, {
        version: current.version,
        reason: '非产品问题',
      });
      expect(rejected.status).toBe(200);
      const after = await scanAfterSalesSla({ store: t.store, now: new Date(created + 27 * HOUR) });
      expect(after.resolved).toBe(1);
      const open = (await as.admin.call('GET', '/api/alerts?kind=after_sales_overdue')).body;
      expect(Array.isArray(open) ? open : open.items).toEqual([]);
    });

    it('reports the cases by kind, product and cause', async () => {
      const result = await runReport(as.salesBoss, 'after_sales_analysis', {});
      const rows = result.rows.map(({ drill: _d, ...v }: any) => v);
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'exchange',
            product: '防雾镜片',
            cause: 'quality',
            cases: 1,
            qty: 2,
            credit: 0,
          }),
          expect.objectContaining({
            kind: 'return',
            product: '防雾镜片',
            cause: 'damaged',
            cases: 1,
            qty: 3,
            credit: 150,
          }),
          expect.objectContaining({ kind: 'return', product: null, cause: 'wrong_item', cases: 1, open: 1 }),
          expect.objectContaining({ kind: 'repair', product: '防雾镜片', cause: 'quality', cases: 1, satisfaction: 4 }),
          expect.objectContaining({ kind: 'complaint', product: null, cause: 'service', cases: 1, open: 0 }),
        ]),
      );
      expect(rows).toHaveLength(5);
    });
  });
}
