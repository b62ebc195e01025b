import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApi, type Client, type DocView } from '../documents/harness';
import { createUser, login } from '../support/app';

async function userClient(app: FastifyInstance, admin: Client, username: string, roles: string[]): Promise<Client> {
  const password = `Tq9-${username.length}-Wx7#Lm2026`;
  const user = await createUser(app, admin.token, { username, password, roles });
  const token = await login(app, username, password);
  return {
    token,
    user,
    req: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}

async function transition(c: Client, doc: { id: string; version: number }, key: string): Promise<DocView> {
  const res = await c.req('POST', `/api/documents/purchase_requisition/${doc.id}/transitions/${key}`, {
    version: doc.version,
  });
  if (res.statusCode !== 200) throw new Error(`requisition ${key} failed: ${res.statusCode} ${res.body}`);
  return res.json<DocView>();
}

describeApi('purchase requisition → purchase order', (h) => {
  let buyer: Client;
  let boss: Client;
  let supplier: string;
  let lens: string;

  beforeAll(async () => {
    const { app, admin } = h();
    buyer = await userClient(app, admin, 'req.buyer', ['purchaser']);
    boss = await userClient(app, admin, 'req.boss', ['purchase_manager']);
    supplier = (await createDoc(admin, 'supplier', { code: 'S-REQ', name: '丹阳镜片厂' })).id;
    lens = (await createDoc(admin, 'product', { sku: 'LS-REQ', name: '防蓝光镜片', unit: '片', price: 60, cost: 22.5 }))
      .id;
  });

  async function approvedRequisition(lines: Array<Record<string, unknown>>): Promise<DocView> {
    const submitted = await transition(
      buyer,
      await createDoc(buyer, 'purchase_requisition', {
        requestDate: '2026-11-02',
        requiredDate: '2026-11-20',
        warehouse: h().warehouse.id,
        reason: '双十二备货',
        lines,
      }),
      'submit',
    );
    expect(submitted.state).toBe('pending_review');
    const approved = await boss.req('POST', `/api/documents/purchase_requisition/${submitted.id}/approve`, {});
    expect(approved.statusCode).toBe(200);
    return approved.json<DocView>();
  }

  it('creates one draft purchase order from an approved requisition, priced at cost, linked both ways', async () => {
    const requisition = await approvedRequisition([
      { product: lens, qty: 200, suggestedSupplier: supplier },
      { product: h().product.id, qty: 10, suggestedSupplier: supplier },
    ]);
    const ordered = await transition(buyer, requisition, 'order');
    expect(ordered.state).toBe('ordered');

    const orders = (await buyer.req('GET', `/api/documents/purchase_order?supplier=${supplier}`)).json<{
      items: DocView[];
    }>().items;
    const mine = orders.filter((o) => o.data.requisition === requisition.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      state: 'draft',
      createdBy: buyer.user.id,
      data: {
        supplier,
        warehouse: h().warehouse.id,
        requisition: requisition.id,
        expectedDate: '2026-11-20',
        lines: [
          { product: lens, qty: 200, price: 22.5, amount: 4500 },
          { product: h().product.id, qty: 10, price: 0, amount: 0 },
        ],
        total: 4500,
      },
    });
    expect(mine[0].data.orderDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const links = (await buyer.req('GET', `/api/documents/purchase_requisition/${requisition.id}/links`)).json<{
      items: Array<{ type: string; id: string }>;
    }>().items;
    expect(links).toEqual([expect.objectContaining({ type: 'purchase_order', id: mine[0].id })]);
  });

  it('refuses to create the order without a suggested supplier, with 422', async () => {
    const requisition = await approvedRequisition([{ product: lens, qty: 5 }]);
    const res = await buyer.req('POST', `/api/documents/purchase_requisition/${requisition.id}/transitions/order`, {
      version: requisition.version,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ detail: string }>().detail).toContain('建议供应商');
  });
});
