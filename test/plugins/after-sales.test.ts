import { expect, it } from 'vitest';
import { createDoc, transition } from './support';
import { describeShop, orderData, prescription } from './eyewear-harness';

describeShop('after-sales (售后单)', (shop) => {
  it('resolves a free remake only with an approved nonconformity report stating disposal and who is responsible', async () => {
    const s = shop();
    const rx = await prescription(s.optometrist, s.customer.id);
    const order = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id));
    let doc = await createDoc(s.assistant, 'eyewear_after_sales', {
      order: order.id,
      customer: s.customer.id,
      kind: 'remake',
      description: '戴镜头晕，复查发现轴位错误',
      free: true,
    });
    doc = await transition(s.manager, 'eyewear_after_sales', doc, 'start');
    const patch = async (data: Record<string, unknown>) => {
      const res = await s.manager.req('PATCH', `/api/documents/eyewear_after_sales/${doc.id}`, {
        data,
        version: doc.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      doc = res.json();
    };
    await patch({ outcome: '免费重做镜片' });
    const refused = await s.manager.req(
      'POST',
      `/api/documents/eyewear_after_sales/${doc.id}/transitions/resolve`,
      { version: doc.version },
      { 'accept-language': 'en' },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('nonconformity');
    await patch({ nonconformity: { approved: true, disposal: '报废原镜片，重新加工', responsible: 'lab' } });
    expect((await transition(s.manager, 'eyewear_after_sales', doc, 'resolve')).state).toBe('resolved');
  });
});
