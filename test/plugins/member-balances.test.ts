import { expect, it } from 'vitest';
import { createDoc, transition } from './support';
import { describeShop, orderData, prescription } from './eyewear-harness';

describeShop('member points and stored value', (shop) => {
  const balances = async () =>
    (await shop().admin.req('GET', `/api/documents/customer/${shop().customer.id}`)).json().data as {
      points: number;
      storedValue: number;
    };
  // Balances only move through effects; the test starts the member with some.
  const seed = (data: Record<string, number>) =>
    shop()
      .t.store.collection('documents_customer')
      .updateOne(
        { _id: shop().customer.id },
        { $set: Object.fromEntries(Object.entries(data).map(([k, v]) => [`data.${k}`, v])) },
      );

  it('redeems points on payment with the balance before and after, refuses more than the balance, and refunds them on cancellation', async () => {
    const s = shop();
    await seed({ points: 500 });
    const rx = await prescription(s.optometrist, s.customer.id);
    const tooMany = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id, {}, { pointsRedeemed: 600 }));
    const refused = await s.assistant.req('POST', `/api/documents/glasses_order/${tooMany.id}/transitions/pay`, {
      version: tooMany.version,
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: '/pointsRedeemed' })]);
    expect((await balances()).points).toBe(500);

    let order = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id, {}, { pointsRedeemed: 300 }));
    expect(order.data).toMatchObject({ pointsValue: 3, balanceDue: 1397 });
    order = await transition(s.assistant, 'glasses_order', order, 'pay');
    expect((await balances()).points).toBe(200);
    const ledger = await s.t.store.collection('eyewear_points').find({ 'source.id': order.id });
    expect(ledger).toEqual([expect.objectContaining({ delta: -300, before: 500, after: 200 })]);

    await transition(s.manager, 'glasses_order', order, 'cancel', { reason: '顾客取消' });
    expect((await balances()).points).toBe(500);
  });

  it('refuses points worth more than 20% of the order', async () => {
    const s = shop();
    await seed({ points: 100_000 });
    const rx = await prescription(s.optometrist, s.customer.id);
    const order = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id, {}, { pointsRedeemed: 30_000 }));
    const res = await s.assistant.req('POST', `/api/documents/glasses_order/${order.id}/transitions/pay`, {
      version: order.version,
    });
    expect(res.statusCode).toBe(422);
    expect((await balances()).points).toBe(100_000);
  });

  it('charges stored value at check-out, never below zero', async () => {
    const s = shop();
    await seed({ storedValue: 100 });
    const sale = (payments: Array<{ method: string; amount: number }>) =>
      createDoc(s.assistant, 'counter_sale', {
        customer: s.customer.id,
        warehouse: s.warehouse.id,
        saleDate: '2026-11-24',
        lines: [{ product: s.frame.id, qty: 1, price: 1000 }],
        payments,
      });
    const short = await sale([
      { method: 'stored_value', amount: 150 },
      { method: 'cash', amount: 850 },
    ]);
    const res = await s.assistant.req('POST', `/api/documents/counter_sale/${short.id}/transitions/complete`, {
      version: short.version,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: '/payments' })]);
    expect((await balances()).storedValue).toBe(100);

    const ok = await sale([
      { method: 'stored_value', amount: 80 },
      { method: 'cash', amount: 920 },
    ]);
    expect((await transition(s.assistant, 'counter_sale', ok, 'complete')).state).toBe('completed');
    expect((await balances()).storedValue).toBe(20);
  });
});
