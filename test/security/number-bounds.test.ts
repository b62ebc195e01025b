// Finding 3: numbers are bounded at validation (money |x| < 10^12 with 2 decimals,
// quantities < 10^9 with 3), a computed field that cannot be computed is a 422,
// and a guard or approval level whose inputs are missing fails closed.
import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApprovals, order, publishVariant, reservedOf } from '../approvals/harness';

const FAIL_CLOSED = 'sales_order_fail_closed';

describeApprovals('number bounds and fail-closed rules', (h) => {
  beforeAll(async () => {
    // A total that comes out empty, so the level and the guard reading it see nothing.
    await publishVariant(h(), FAIL_CLOSED, (def) => {
      def.computed = def.computed.map((c: { field: string }) =>
        c.field === 'total' ? { field: 'total', logic: { if: [{ var: 'data.remark' }, 1, null] } } : c,
      );
      const submit = def.transitions.find((t: { key: string }) => t.key === 'submit');
      submit.guard = {
        logic: { '<=': [{ var: 'data.total' }, 1_000_000] },
        message: { 'zh-CN': '金额过大', en: 'Too large' },
      };
      def.transitions.push({ ...submit, key: 'submit_unguarded', guard: undefined });
    });
  });

  it('refuses a price of 1e308 with 422 on /lines/0/price and reserves nothing', async () => {
    const before = await reservedOf(h());
    const res = await h().clerk.call('POST', '/api/documents/sales_order', { data: order(h(), 5000, 1e308).data });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/lines/0/price' })]);
    expect(await reservedOf(h())).toBe(before);
  });

  it('refuses a quantity of 10^9 and more than 3 decimals', async () => {
    const big = await h().clerk.call('POST', '/api/documents/sales_order', { data: order(h(), 1e9, 100).data });
    expect(big.status).toBe(422);
    expect(big.body.errors).toEqual([expect.objectContaining({ path: '/lines/0/qty' })]);
    const fine = await h().clerk.call('POST', '/api/documents/sales_order', { data: order(h(), 1.0001, 100).data });
    expect(fine.status).toBe(422);
    expect(fine.body.errors).toEqual([expect.objectContaining({ path: '/lines/0/qty' })]);
  });

  it('refuses money with more than 2 decimals, in the caller language', async () => {
    const res = await h().admin.call(
      'POST',
      '/api/documents/customer',
      { data: { code: 'B1', name: '小数', creditLimit: 1000.005 } },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: '/creditLimit', message: expect.stringContaining('decimal') }),
    ]);
  });

  it('refuses a computed amount that overflows its bounds with 422 instead of storing it', async () => {
    const res = await h().admin.call('POST', '/api/documents/sales_order', {
      data: order(h(), 999_999_999, 999_999_999_999).data,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/lines/0/amount' })]));
  });

  it('applies the approval levels when the total they read is missing', async () => {
    const doc = await createDoc(h().clerk, FAIL_CLOSED, order(h(), 1, 100).data);
    expect(doc.data.total).toBeUndefined();
    const res = await h().clerk.call('POST', `/api/documents/${FAIL_CLOSED}/${doc.id}/transitions/submit_unguarded`, {
      version: doc.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'pending_review', approval: { levels: ['manager', 'finance'] } });
  });

  it('refuses a guard whose input is missing', async () => {
    const doc = await createDoc(h().clerk, FAIL_CLOSED, order(h(), 1, 100).data);
    const res = await h().clerk.call('POST', `/api/documents/${FAIL_CLOSED}/${doc.id}/transitions/submit`, {
      version: doc.version,
    });
    expect(res.status).toBe(422);
    expect(res.body.transition).toBe('submit');
  });
});
