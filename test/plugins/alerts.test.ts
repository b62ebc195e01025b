import { expect, it } from 'vitest';
import { createDoc, transition } from './support';
import { describeShop, orderData, prescription, receive } from './eyewear-harness';

const DAY = 86_400_000;
// Dates relative to today (the alert kinds read the engine's clock), in the shop's zone.
const day = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * DAY));

describeShop('eyewear alerts and recall list', (shop) => {
  const alertsOf = async (kind: string) => {
    const res = await shop().admin.req('GET', '/api/alerts');
    expect(res.statusCode, res.body).toBe(200);
    return (
      res.json().items as Array<{
        kind: string;
        subject: { id: string; label?: string };
        message: { 'zh-CN': string; en: string };
      }>
    ).filter((a) => a.kind === kind);
  };
  const runKind = async (kind: string) => {
    const res = await shop().admin.req('POST', `/api/plugins/alerts/${kind}/runs`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().raised as number;
  };

  it('raises one alert for a contact-lens batch expiring within 60 days, and only once', async () => {
    const s = shop();
    const cl = await createDoc(s.admin, 'product', {
      sku: 'CL-D-250',
      name: '日抛 -2.50',
      unit: '盒',
      price: 180,
      eyewearKind: 'contact_lens',
      tracksBatches: true,
      replacementCycle: 'daily',
    });
    await receive(s.admin, s, [
      { product: cl.id, acceptedQty: 4, batch: 'SOON', expiry: day(30) },
      { product: cl.id, acceptedQty: 6, batch: 'LATER', expiry: day(200) },
    ]);
    expect(await runKind('eyewear_contact_lens_expiry')).toBe(1);
    expect(await runKind('eyewear_contact_lens_expiry')).toBe(0);
    const alerts = await alertsOf('eyewear_contact_lens_expiry');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].subject.id).toBe(cl.id);
    expect(alerts[0].message.en).toContain('SOON');
  });

  it('raises an alert for an order not ready by its promised date', async () => {
    const s = shop();
    const rx = await prescription(s.optometrist, s.customer.id);
    const late = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id, {}, { promisedDate: day(-1) }));
    await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id, {}, { promisedDate: day(3) }));
    expect(await runKind('eyewear_order_overdue')).toBe(1);
    expect((await alertsOf('eyewear_order_overdue')).map((a) => a.subject.id)).toEqual([late.id]);
  });

  it('raises an alert when a returning customer orders on a prescription past its validity', async () => {
    const s = shop();
    const old = await prescription(s.optometrist, s.customer.id, { examDate: day(-800) });
    const order = await createDoc(s.assistant, 'glasses_order', orderData(s, old.id));
    await transition(s.assistant, 'glasses_order', order, 'pay');
    const alerts = await alertsOf('eyewear_prescription_expired');
    expect(alerts.map((a) => a.subject.id)).toEqual([order.id]);
    expect(alerts[0].message['zh-CN']).toContain(old.number);
  });

  it('lists prescriptions expiring in the next N days on the recall list', async () => {
    const s = shop();
    const soon = await prescription(s.optometrist, s.customer.id, { examDate: day(-720) });
    const res = await s.manager.req('GET', '/api/plugins/reports/eyewear_recall?days=30');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as Array<{ reason: string; source: string; overdue: boolean }>;
    expect(rows.find((r) => r.source === soon.number)).toMatchObject({ reason: 'prescription', overdue: false });
    expect(rows.some((r) => r.overdue)).toBe(true);
  });
});
