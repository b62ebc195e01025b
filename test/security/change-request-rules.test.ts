// Finding 1: a change request goes through the same preparation as create and
// PATCH (price floors, computed fields, validation) and the guards of the
// transition that approved the document, before its approval levels apply.
import { expect, it } from 'vitest';
import { createDoc, describeApprovals, submitOrder, type Harness } from '../approvals/harness';

const ask = (h: Harness, doc: { id: string; version: number }, patch: object) =>
  h.clerk.call('POST', `/api/documents/sales_order/${doc.id}/change-requests`, {
    patch,
    reason: '客户要求',
    version: doc.version,
  });

describeApprovals('change requests keep the rules of create', (h) => {
  it('refuses a price below the floor with 422 on /lines/0/price and changes nothing', async () => {
    const doc = await submitOrder(h(), h().clerk, 10, 100);
    const res = await ask(h(), doc, { lines: [{ product: h().product, qty: 10, price: 0 }] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/lines/0/price' })]);
    const now = await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`);
    expect(now.body).toMatchObject({ version: doc.version, data: { total: 1000 } });
  });

  it('refuses a change that takes the customer past the credit limit', async () => {
    const customer = (
      await createDoc(h().admin, 'customer', { code: 'CL1', name: '限额客户', creditLevel: 'A', creditLimit: 1000 })
    ).id;
    const doc = await submitOrder(h(), h().clerk, 9, 100, { customer });
    expect(doc.state).toBe('approved');
    const res = await ask(h(), doc, { lines: [{ product: h().product, qty: 99, price: 100 }] });
    expect(res.status).toBe(422);
    expect(res.body.transition).toBe('submit');
    const now = await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`);
    expect(now.body).toMatchObject({ version: doc.version, data: { total: 900 } });
  });

  it('fills a left-out price from the price list, as on create', async () => {
    const doc = await submitOrder(h(), h().clerk, 10, 100);
    const res = await ask(h(), doc, { lines: [{ product: h().product, qty: 20 }] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ total: 2000, lines: [{ price: 100, amount: 2000 }] });
  });
});
