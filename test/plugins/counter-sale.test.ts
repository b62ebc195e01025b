import { expect, it } from 'vitest';
import { createDoc, transition } from './support';
import { describeShop } from './eyewear-harness';

describeShop('counter sale (门店零售单) and the daily cash-up', (shop) => {
  const sale = (payments: Array<{ method: string; amount: number }>, saleDate = '2026-11-22') => {
    const s = shop();
    return createDoc(s.assistant, 'counter_sale', {
      customer: s.customer.id,
      warehouse: s.warehouse.id,
      saleDate,
      lines: [
        { product: s.frame.id, qty: 1, price: 699.9 },
        { product: s.lens.id, qty: 2, price: 150.05 },
      ],
      payments,
    });
  };

  it('totals a split payment (cash + WeChat Pay) exactly and checks out, issuing the stock', async () => {
    const s = shop();
    const doc = await sale([
      { method: 'cash', amount: 200.1 },
      { method: 'wechat_pay', amount: 799.9 },
    ]);
    expect(doc.data).toMatchObject({ total: 1000, paid: 1000 });
    const done = await transition(s.assistant, 'counter_sale', doc, 'complete');
    expect(done.state).toBe('completed');
  });

  it('refuses to check out when the payments do not add up to the total', async () => {
    const s = shop();
    const doc = await sale([{ method: 'cash', amount: 900 }]);
    const res = await s.assistant.req('POST', `/api/documents/counter_sale/${doc.id}/transitions/complete`, {
      version: doc.version,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('900');
  });

  it('adds completed sales into the cash-up per payment method for the day', async () => {
    const s = shop();
    await transition(s.assistant, 'counter_sale', await sale([{ method: 'alipay', amount: 1000 }]), 'complete');
    await transition(
      s.assistant,
      'counter_sale',
      await sale([
        { method: 'cash', amount: 0.2 },
        { method: 'wechat_pay', amount: 999.8 },
      ]),
      'complete',
    );
    await transition(
      s.assistant,
      'counter_sale',
      await sale([{ method: 'cash', amount: 1000 }], '2026-11-23'),
      'complete',
    );
    const res = await s.manager.req('GET', '/api/plugins/reports/eyewear_cash_up?date=2026-11-22');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([
      { date: '2026-11-22', method: 'alipay', amount: 1000, payments: 1 },
      { date: '2026-11-22', method: 'cash', amount: 200.3, payments: 2 },
      { date: '2026-11-22', method: 'wechat_pay', amount: 1799.7, payments: 2 },
    ]);
    expect((await s.assistant.req('GET', '/api/plugins/reports/eyewear_cash_up?date=2026-11-22')).statusCode).toBe(403);
  });
});
