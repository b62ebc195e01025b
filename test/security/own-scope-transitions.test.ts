// Finding 5: "own" applies to transitions and the cancellation route as it does
// to PATCH: a purchaser cannot cancel another purchaser's order, nor void a
// warehouse keeper's goods receipt; the owner and wider roles still can.
import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApprovals, type Client } from '../approvals/harness';

describeApprovals('own scope on transitions', (h) => {
  let buyer1: Client;
  let buyer2: Client;
  let supplier: string;

  beforeAll(async () => {
    buyer1 = await h().user('buyer.one', ['purchaser']);
    buyer2 = await h().user('buyer.two', ['purchaser']);
    supplier = (await createDoc(h().admin, 'supplier', { code: 'S01', name: '温州镜架厂' })).id;
  });

  const purchaseOrder = () =>
    createDoc(buyer1, 'purchase_order', {
      supplier,
      warehouse: h().warehouse,
      orderDate: '2026-11-20',
      lines: [{ product: h().product, qty: 5, price: 60 }],
    });
  const receipt = (c: Client) =>
    createDoc(c, 'goods_receipt', {
      supplier,
      warehouse: h().warehouse,
      receiptDate: '2026-11-20',
      lines: [{ product: h().product, acceptedQty: 5 }],
    });

  it("refuses a purchaser cancelling another purchaser's order with 403, through the transition and the cancellation route", async () => {
    const po = await purchaseOrder();
    const viaTransition = await buyer2.call('POST', `/api/documents/purchase_order/${po.id}/transitions/cancel`, {
      version: po.version,
      reason: '不要了',
    });
    expect(viaTransition.status).toBe(403);
    const viaRoute = await buyer2.call('POST', `/api/documents/purchase_order/${po.id}/cancellation`, {
      reason: '不要了',
    });
    expect(viaRoute.status).toBe(403);
    expect((await buyer1.call('GET', `/api/documents/purchase_order/${po.id}`)).body).toMatchObject({
      state: 'draft',
      version: po.version,
    });
  });

  it("refuses a purchaser voiding a warehouse keeper's goods receipt", async () => {
    const gr = await receipt(h().keeper);
    const viaTransition = await buyer2.call('POST', `/api/documents/goods_receipt/${gr.id}/transitions/cancel`, {
      version: gr.version,
      reason: '作废',
    });
    expect(viaTransition.status).toBe(403);
    const viaRoute = await buyer2.call('POST', `/api/documents/goods_receipt/${gr.id}/cancellation`, {
      reason: '作废',
    });
    expect(viaRoute.status).toBe(403);
    expect((await h().keeper.call('GET', `/api/documents/goods_receipt/${gr.id}`)).body.state).toBe('draft');
  });

  it('lets the owner and a role with a wider scope act', async () => {
    const po = await purchaseOrder();
    const own = await buyer1.call('POST', `/api/documents/purchase_order/${po.id}/transitions/submit`, {
      version: po.version,
    });
    expect(own.status).toBe(200);
    const gr = await receipt(buyer1);
    const keeper = await h().keeper.call('POST', `/api/documents/goods_receipt/${gr.id}/transitions/cancel`, {
      version: gr.version,
      reason: '作废',
    });
    expect(keeper.status).toBe(200);
  });
});
