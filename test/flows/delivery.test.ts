import { expect, it } from 'vitest';
import { documentsCollectionName, type DocumentRecord } from '../../engine/documents/document-record';
import { EVENTS_COLLECTION, outboxId, type EventRecord } from '../../engine/documents/events';
import { createDoc, describeApi, orderData, type Client, type DocView } from '../documents/harness';

async function transition(
  c: Client,
  type: string,
  doc: { id: string; version: number },
  key: string,
): Promise<DocView> {
  const res = await c.req('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, { version: doc.version });
  if (res.statusCode !== 200) throw new Error(`${type} ${key} failed: ${res.statusCode} ${res.body}`);
  return res.json<DocView>();
}

interface LinkJson {
  relation: string;
  type: string;
  id: string;
  number: string;
  via: { effect: string; transition?: string };
}

describeApi('document.create: shipping an order creates its delivery', (h) => {
  let order: DocView;
  let shipped: DocView;

  it('creates one delivery from the shipped order, with the fields the delivery declares', async () => {
    const { admin, clerk, keeper, warehouse, product, customer } = h();
    const supplier = await createDoc(admin, 'supplier', { code: 'S-DLV', name: '丹阳镜片厂' });
    const receipt = await createDoc(keeper, 'goods_receipt', {
      supplier: supplier.id,
      warehouse: warehouse.id,
      receiptDate: '2026-11-21',
      lines: [{ product: product.id, acceptedQty: 10 }],
    });
    await transition(keeper, 'goods_receipt', receipt, 'post');
    order = await transition(
      clerk,
      'sales_order',
      await createDoc(clerk, 'sales_order', orderData(h(), [{ qty: 3, price: 100 }], { remark: '轻放' })),
      'submit',
    );
    expect(order.state).toBe('approved');
    shipped = await transition(keeper, 'sales_order', order, 'ship');
    expect(shipped.state).toBe('shipped');

    const list = await keeper.req('GET', `/api/documents/delivery?salesOrder=${order.id}`);
    expect(list.statusCode).toBe(200);
    const deliveries = list.json<{ items: DocView[] }>().items;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      state: 'shipped',
      createdBy: keeper.user.id,
      data: {
        salesOrder: order.id,
        customer: customer.id,
        warehouse: warehouse.id,
        address: '上海市黄浦区南京东路 1 号',
        remark: '轻放',
        lines: [{ product: product.id, qty: 3 }],
      },
    });
    expect(deliveries[0].number).toMatch(/^DN-\d{8}-\d{4}$/);
  });

  it('links the order and the delivery both ways', async () => {
    const { keeper } = h();
    const [delivery] = (await keeper.req('GET', `/api/documents/delivery?salesOrder=${order.id}`)).json<{
      items: DocView[];
    }>().items;
    const fromOrder = (await keeper.req('GET', `/api/documents/sales_order/${order.id}/links`)).json<{
      items: LinkJson[];
    }>().items;
    expect(fromOrder).toEqual([
      expect.objectContaining({
        relation: 'created',
        type: 'delivery',
        id: delivery.id,
        number: delivery.number,
        via: expect.objectContaining({ effect: 'document.create', transition: 'ship' }),
      }),
    ]);
    const fromDelivery = (await keeper.req('GET', `/api/documents/delivery/${delivery.id}/links`)).json<{
      items: LinkJson[];
    }>().items;
    expect(fromDelivery).toEqual([
      expect.objectContaining({ relation: 'created_by', type: 'sales_order', id: order.id, number: order.number }),
    ]);
  });

  it('creates nothing more when the effect runs again for the same transition (an outbox retry)', async () => {
    const { t, keeper } = h();
    const doc = await t.store.collection<DocumentRecord>(documentsCollectionName('sales_order')).findById(order.id);
    const event = await t.store.collection<EventRecord>(EVENTS_COLLECTION).findById(`${order.id}:${shipped.version}`);
    const handler = t.app.engine.effects.handler('document.create');
    if (!doc || !event || !handler) throw new Error('order, ship event or handler missing');
    const effect = event.effects.find((e) => e.name === 'document.create');
    expect(effect).toBeDefined();
    await handler({
      store: t.store,
      engine: t.app.engine,
      doc,
      event,
      effect: 'document.create',
      options: effect?.options ?? {},
      outboxId: outboxId(event, 'document.create'),
    });
    const list = (await keeper.req('GET', `/api/documents/delivery?salesOrder=${order.id}`)).json<{
      items: DocView[];
    }>().items;
    expect(list).toHaveLength(1);
    expect(
      (await keeper.req('GET', `/api/documents/sales_order/${order.id}/links`)).json<{ items: LinkJson[] }>().items,
    ).toHaveLength(1);
  });

  it('answers 404 for the links of a document the caller may not read', async () => {
    const { clerk2 } = h();
    // Sales clerks read only their own orders.
    const res = await clerk2.req('GET', `/api/documents/sales_order/${order.id}/links`);
    expect(res.statusCode).toBe(404);
  });
});
