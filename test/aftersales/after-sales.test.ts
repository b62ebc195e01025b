// After-sales cases (售后服务单) over real HTTP on every store: an exchange
// creates its sales return and the goods go back into stock, and ships the
// replacement once (its delivery linked both ways, its cost booked; refused
// with 422 naming the line when stock is short); a refunded return
// into quarantine credits the customer once received; the resolve and close
// guards; the SLA escalation; the analysis report by kind, product and cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replacementDeliveryId, scanAfterSalesSla } from '../../engine/aftersales/index';
import { SALES_COSTS, type SalesCostDoc } from '../../engine/finance/index';
import { MOVES, type MoveDoc } from '../../engine/inventory/index';
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
const itemsOf = (body: any): any[] => (Array.isArray(body) ? body : body.items);

for (const backend of backends()) {
  describe(`after-sales cases [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<string, Http>;
    const ids: Record<string, string> = {};
    let balanceBefore: number;

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
        lines: [{ product: ids.p, qty: 100, unitCost: '30' }],
      });
      const order = await create(as.clerk, 'sales_order', {
        customer: ids.c,
        warehouse: ids.w,
        orderDate: '2026-03-01',
        lines: [{ product: ids.p, qty: 10, price: 50 }],
      });
      await transition(as.keeper, 'sales_order', await transition(as.clerk, 'sales_order', order, 'submit'), 'ship');
      ids.so = order.id;
      balanceBefore = (await as.clerk.call('GET', `/api/customers/${ids.c}/balance`)).body.balance;
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
      ids.exchange = c.id;
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
      // The replacement left on resolve: 90 − 2.
      expect(await onHand(ids.w)).toBe(88);
      await transition(as.keeper, 'sales_return', ret, 'receive');
      expect(await onHand(ids.w)).toBe(90);
      // No money flows on an exchange.
      expect((await as.clerk.call('GET', `/api/customers/${ids.c}/balance`)).body.credit).toBe(0);
      // Resolving created the return once: the links list one.
      const links = (await as.salesBoss.call('GET', `/api/documents/after_sales/${c.id}/links`)).body;
      expect((Array.isArray(links) ? links : links.items).filter((l: any) => l.type === 'sales_return')).toHaveLength(
        1,
      );
    });

    it('an exchange ships the replacement once, in a delivery linked both ways, and books its cost like a delivery', async () => {
      const links = itemsOf((await as.salesBoss.call('GET', `/api/documents/after_sales/${ids.exchange}/links`)).body);
      const made = links.filter((l: any) => l.type === 'delivery');
      expect(made).toHaveLength(1);
      expect(made[0].relation).toBe('created');
      expect(made[0].id).toBe(replacementDeliveryId(ids.exchange));
      const delivery = (await as.keeper.call<Doc>('GET', `/api/documents/delivery/${made[0].id}`)).body;
      expect(delivery.state).toBe('shipped');
      expect(delivery.data).toMatchObject({
        salesOrder: ids.so,
        customer: ids.c,
        warehouse: ids.w,
        lines: [{ product: ids.p, qty: 2 }],
        // The order's clerk reads it, as the order's own deliveries.
        orderOwner: as.clerk.userId,
      });
      const back = itemsOf((await as.keeper.call('GET', `/api/documents/delivery/${delivery.id}/links`)).body);
      expect(back.map((l: any) => [l.type, l.id, l.relation])).toEqual([['after_sales', ids.exchange, 'created_by']]);
      // Issued once: the case's stock moves take 2 out of the warehouse, no more.
      const moves = await t.store.collection<MoveDoc>(MOVES).find({ 'ref.id': ids.exchange });
      expect(moves.reduce((s, m) => s + m.delta.onHand, 0)).toBe(-2000);
      expect(moves.reduce((s, m) => s + m.delta.reserved, 0)).toBe(0);
      // The order's own shipments are untouched: the replacement is not a second sale.
      const order = (await as.clerk.call<Doc>('GET', `/api/documents/sales_order/${ids.so}`)).body;
      expect(order.state).toBe('shipped');
      // Shipped in full by its own ship (qty 10), not 12 with the replacement.
      expect([order.data.lines[0].shippedQty, order.data.lines[0].remainingQty]).toEqual([order.data.lines[0].qty, 0]);
      // Its cost: 2 × 30 into COGS against stock, once, and a cost record with no revenue.
      const vouchers = (await expectVouchersBalance(as.admin)).filter((v) => v.data.sourceId === delivery.id);
      expect(vouchers).toHaveLength(1);
      expect(vouchers[0].data.lines.map((l: Record<string, unknown>) => [l.account, l.debit, l.credit])).toEqual([
        ['6401', 60, 0],
        ['1405', 0, 60],
      ]);
      const costs = await t.store.collection<SalesCostDoc>(SALES_COSTS).find({ order: ids.so, revenueCents: 0 });
      expect(costs.map((x) => [x.product, x.qty, x.cogsCents])).toEqual([[ids.p, 2000, 6000]]);
      // An even exchange moves no money: nothing posted to receivables or revenue for the case.
      const all = await expectVouchersBalance(as.admin);
      const caseDocs = new Set([ids.exchange, delivery.id, (await createdReturn(ids.exchange)).id]);
      const money = all.filter(
        (v) =>
          caseDocs.has(v.data.sourceId) &&
          v.data.lines.some((l: { account: string }) => ['1122', '6001'].includes(l.account)),
      );
      expect(money).toEqual([]);
      expect((await as.clerk.call('GET', `/api/customers/${ids.c}/balance`)).body).toMatchObject({
        balance: balanceBefore,
        credit: 0,
      });
    });

    it('refuses to resolve an exchange whose replacement is short, naming the line in the caller’s language, and changes nothing', async () => {
      const opened = await create(as.clerk, 'after_sales', {
        customer: ids.c,
        salesOrder: ids.so,
        kind: 'exchange',
        cause: 'not_as_described',
        problem: '颜色不符，要求整批换货',
        resolution: '同意换货',
        lines: [
          { product: ids.p, qty: 1, price: 50 },
          { product: ids.p, qty: 500, price: 50 },
        ],
      });
      const started = await transition(as.clerk, 'after_sales', opened, 'start');
      const before = await onHand(ids.w);
      const path = `/api/documents/after_sales/${started.id}/transitions/resolve`;
      const zh = await as.salesBoss.call('POST', path, { version: started.version });
      expect(zh.status).toBe(422);
      expect(zh.body.errors).toEqual([expect.objectContaining({ path: '/lines/1/qty' })]);
      expect(zh.body.errors[0].message).toContain('第 2 行换货库存不足');
      expect(zh.body.errors[0].message).toContain('防雾镜片');
      expect(zh.body).toMatchObject({ requested: 500, line: 1 });
      const address = t.app.server.address() as { port: number };
      const token = await login(t.app, 'fin.sales.boss', `Tq9-${'fin.sales.boss'.length}-Wx7#Lm2026`);
      const en = await fetch(`http://127.0.0.1:${address.port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en', authorization: `Bearer ${token}` },
        body: JSON.stringify({ version: started.version }),
      });
      expect(en.status).toBe(422);
      const body = await en.json();
      expect(body.errors[0]).toMatchObject({ path: '/lines/1/qty' });
      expect(body.errors[0].message).toContain('Line 2: not enough stock to replace');
      // Nothing half-done: the case waits in progress, no stock left, no return or delivery exists.
      const after = await get(as.salesBoss, started.id);
      expect([after.state, after.version]).toEqual(['in_progress', started.version]);
      expect(await onHand(ids.w)).toBe(before);
      const moves = await t.store.collection<MoveDoc>(MOVES).find({ 'ref.id': started.id });
      expect(moves.reduce((s, m) => s + m.delta.onHand, 0)).toBe(0);
      expect(itemsOf((await as.salesBoss.call('GET', `/api/documents/after_sales/${started.id}/links`)).body)).toEqual(
        [],
      );
      // Once the quantity fits the stock, the same case resolves.
      const fitted = await patch(as.salesBoss, after, { lines: [{ product: ids.p, qty: 1, price: 50 }] });
      expect((await transition(as.salesBoss, 'after_sales', fitted, 'resolve')).state).toBe('resolved');
      expect(await onHand(ids.w)).toBe(before - 1);
    });

    it('refuses to resolve an exchange in a closed period, and resolves it once the period is reopened', async () => {
      const opened = await create(as.clerk, 'after_sales', {
        customer: ids.c,
        salesOrder: ids.so,
        kind: 'exchange',
        cause: 'damaged',
        problem: '镜框断裂',
        resolution: '换新',
        lines: [{ product: ids.p, qty: 1, price: 50 }],
      });
      const started = await transition(as.clerk, 'after_sales', opened, 'start');
      const period = new Date().toISOString().slice(0, 7);
      expect((await as.admin.call('POST', `/api/finance/periods/${period}/close`)).status).toBe(200);
      const before = await onHand(ids.w);
      try {
        const res = await as.salesBoss.call('POST', `/api/documents/after_sales/${started.id}/transitions/resolve`, {
          version: started.version,
        });
        expect(res.status).toBe(422);
        expect(JSON.stringify(res.body)).toContain(period);
        expect(await onHand(ids.w)).toBe(before);
        expect((await get(as.salesBoss, started.id)).state).toBe('in_progress');
      } finally {
        expect((await as.admin.call('POST', `/api/finance/periods/${period}/reopen`)).status).toBe(200);
      }
      expect((await transition(as.salesBoss, 'after_sales', started, 'resolve')).state).toBe('resolved');
      expect(await onHand(ids.w)).toBe(before - 1);
    });

    it('refuses an exchange with neither the sales order nor its delivery, naming the order field', async () => {
      const opened = await create(as.clerk, 'after_sales', {
        customer: ids.c,
        warehouse: ids.w,
        kind: 'exchange',
        cause: 'other',
        problem: '无单换货',
        resolution: '换货',
        lines: [{ product: ids.p, qty: 1, price: 50 }],
      });
      const started = await transition(as.clerk, 'after_sales', opened, 'start');
      const res = await as.salesBoss.call('POST', `/api/documents/after_sales/${started.id}/transitions/resolve`, {
        version: started.version,
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '/salesOrder' })]);
      expect(res.body.errors[0].message).toContain('原销售订单');
      const after = await get(as.salesBoss, started.id);
      expect([after.state, after.version]).toEqual(['in_progress', started.version]);
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
          expect.objectContaining({ kind: 'exchange', cause: 'not_as_described', cases: 1, open: 0, qty: 1 }),
          expect.objectContaining({ kind: 'exchange', cause: 'other', cases: 1, open: 1, qty: 1 }),
          expect.objectContaining({ kind: 'exchange', cause: 'damaged', cases: 1, open: 0, qty: 1 }),
        ]),
      );
      expect(rows).toHaveLength(8);
    });
  });
}
