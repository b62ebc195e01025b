// The recall list on a clock the test moves: prescriptions reaching their validity
// and contact lenses running out at their replacement cycle, as a report and as
// the daily alert.
import { expect, it } from 'vitest';
import { fakeClock } from '../support/clock';
import { createDoc, transition, type Client, type DocView } from './support';
import { describeShop, prescription, receive, type Shop } from './eyewear-harness';

const DAY = 86_400_000;

interface Row {
  reason: string;
  customer: string;
  name: string;
  phone: string;
  due: string;
  overdue: boolean;
  source: string;
  product: string | null;
}

describeShop(
  'eyewear recall list on replacement cycles',
  (shop) => {
    let daily: DocView;
    let monthly: DocView;
    let biweekly: DocView;
    let members: Record<'a' | 'b' | 'c', DocView>;

    const recall = async (days: number): Promise<Row[]> => {
      const res = await shop().manager.req('GET', `/api/plugins/reports/eyewear_recall?days=${days}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().rows as Row[];
    };
    const lensRows = async (days: number) =>
      (await recall(days)).filter((r) => r.reason === 'contact_lens').map((r) => [r.name, r.due, r.overdue]);
    const contactLens = (c: Client, sku: string, cycle: string, lensesPerBox?: number) =>
      createDoc(c, 'product', {
        sku,
        name: `${cycle} ${sku}`,
        unit: '盒',
        price: 100,
        eyewearKind: 'contact_lens',
        tracksBatches: true,
        replacementCycle: cycle,
        ...(lensesPerBox ? { lensesPerBox } : {}),
      });
    const buy = async (s: Shop, customer: DocView, product: DocView, qty: number, saleDate: string) => {
      const sale = await createDoc(s.assistant, 'counter_sale', {
        customer: customer.id,
        warehouse: s.warehouse.id,
        saleDate,
        lines: [{ product: product.id, qty, price: 100 }],
        payments: [{ method: 'cash', amount: 100 * qty }],
      });
      return transition(s.assistant, 'counter_sale', sale, 'complete');
    };
    const advance = (days: number) => shop().clock?.advance(days * DAY);

    it('sets up three members buying daily, monthly and bi-weekly lenses', async () => {
      const s = shop();
      daily = await contactLens(s.admin, 'CL-1D', 'daily', 30);
      monthly = await contactLens(s.admin, 'CL-1M', 'monthly', 6);
      biweekly = await contactLens(s.admin, 'CL-2W', 'biweekly');
      await receive(
        s.admin,
        s,
        [daily, monthly, biweekly].map((p) => ({
          product: p.id,
          acceptedQty: 20,
          batch: `B-${p.data.sku as string}`,
          expiry: '2028-12-31',
        })),
      );
      const member = (code: string, name: string, phone: string) =>
        createDoc(s.assistant, 'customer', { code, name, phone });
      members = {
        a: await member('CL-A', '陈一', '13900000001'),
        b: await member('CL-B', '陈二', '13900000002'),
        c: await member('CL-C', '陈三', '13900000003'),
      };
      await buy(s, members.a, daily, 1, '2026-11-20'); // 30 lenses = 15 days per eye → 2026-12-05
      await buy(s, members.b, monthly, 2, '2026-11-01'); // 12 lenses = 6 months → 2027-04-30
      await buy(s, members.c, biweekly, 1, '2026-11-25'); // one pair = 14 days → 2026-12-09
    });

    it('lists the customers whose lenses run out within the next N days, with their phone', async () => {
      const rows = (await recall(7)).filter((r) => r.reason === 'contact_lens');
      expect(rows).toEqual([
        expect.objectContaining({
          customer: members.a.id,
          name: '陈一',
          phone: '13900000001',
          due: '2026-12-05',
          overdue: false,
          product: 'daily CL-1D',
        }),
      ]);
      expect(await lensRows(200)).toEqual([
        ['陈一', '2026-12-05', false],
        ['陈三', '2026-12-09', false],
        ['陈二', '2027-04-30', false],
      ]);
    });

    it('brings a customer onto the list as the clock reaches their cycle, and marks it overdue after', async () => {
      advance(3); // 2026-12-04
      expect(await lensRows(7)).toEqual([
        ['陈一', '2026-12-05', false],
        ['陈三', '2026-12-09', false],
      ]);
      advance(2); // 2026-12-06
      expect((await lensRows(0))[0]).toEqual(['陈一', '2026-12-05', true]);
    });

    it('takes a customer off once they buy again: the latest supply decides', async () => {
      const s = shop();
      await buy(s, members.a, daily, 1, '2026-12-06'); // → 2026-12-21
      expect(await lensRows(7)).toEqual([['陈三', '2026-12-09', false]]);
    });

    it('lists prescriptions reaching their validity beside contact lenses', async () => {
      const s = shop();
      const rx = await prescription(s.optometrist, members.b.id, { examDate: '2024-12-10' }); // valid until 2026-12-10
      const rows = await recall(7);
      expect(rows.map((r) => [r.reason, r.name, r.due])).toEqual([
        ['contact_lens', '陈三', '2026-12-09'],
        ['prescription', '陈二', '2026-12-10'],
      ]);
      expect(rows[1].source).toBe(rx.number);
    });

    it('raises the recall alert once per customer and due date', async () => {
      const s = shop();
      const run = async () => {
        const res = await s.admin.req('POST', '/api/plugins/alerts/eyewear_recall/runs');
        expect(res.statusCode, res.body).toBe(200);
        return res.json().raised as number;
      };
      expect(await run()).toBe(2);
      expect(await run()).toBe(0);
      const alerts = (await s.admin.req('GET', '/api/alerts')).json().items as Array<{
        kind: string;
        subject: { id: string };
        message: { 'zh-CN': string; en: string };
      }>;
      const recalls = alerts.filter((a) => a.kind === 'eyewear_recall');
      expect(recalls.map((a) => a.subject.id).sort()).toEqual([members.b.id, members.c.id].sort());
      expect(recalls.find((a) => a.subject.id === members.c.id)?.message['zh-CN']).toContain('13900000003');
    });
  },
  { clock: () => fakeClock('2026-12-01T02:00:00.000Z') },
);
