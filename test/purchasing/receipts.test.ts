import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApi, type Client, type DocView, type Harness } from '../documents/harness';
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

async function run(
  c: Client,
  type: string,
  doc: { id: string; version: number },
  key: string,
  body: Record<string, unknown> = {},
) {
  return c.req('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, { version: doc.version, ...body });
}

async function transition(
  c: Client,
  type: string,
  doc: { id: string; version: number },
  key: string,
  body: Record<string, unknown> = {},
): Promise<DocView> {
  const res = await run(c, type, doc, key, body);
  if (res.statusCode !== 200) throw new Error(`${type} ${key} failed: ${res.statusCode} ${res.body}`);
  return res.json<DocView>();
}

describeApi('purchasing: orders, receipts and over-receipt', (h) => {
  let purchaser: Client;
  let buyerManager: Client;
  let supplier: string;
  let level: () => Promise<{ onHand: number; incoming: number }>;

  beforeAll(async () => {
    const { app, admin, product, warehouse } = h();
    purchaser = await userClient(app, admin, 'buyer.one', ['purchaser']);
    buyerManager = await userClient(app, admin, 'buyer.boss', ['purchase_manager']);
    supplier = (await createDoc(admin, 'supplier', { code: 'S-PUR', name: '深圳光学' })).id;
    level = async () => {
      const rows = (
        await h().keeper.req('GET', `/api/inventory/levels?product=${product.id}&warehouse=${warehouse.id}`)
      ).json<Array<{ onHand: number; incoming: number }>>();
      return { onHand: rows.reduce((t, r) => t + r.onHand, 0), incoming: rows.reduce((t, r) => t + r.incoming, 0) };
    };
  });

  const order = (hh: Harness, qty: number, price: number, extra: Record<string, unknown> = {}) => ({
    supplier,
    warehouse: hh.warehouse.id,
    orderDate: '2026-11-20',
    lines: [{ product: hh.product.id, qty, price }],
    ...extra,
  });

  const receiptOf = (hh: Harness, po: string, acceptedQty: number, rejectedQty = 0) => ({
    supplier,
    warehouse: hh.warehouse.id,
    purchaseOrder: po,
    receiptDate: '2026-11-25',
    lines: [{ product: hh.product.id, acceptedQty, rejectedQty }],
  });

  let po: DocView;

  it('waits for the purchase manager from 20000 on, then counts the lines as incoming', async () => {
    const before = await level();
    const submitted = await transition(
      purchaser,
      'purchase_order',
      await createDoc(purchaser, 'purchase_order', order(h(), 100, 250)),
      'submit',
    );
    expect(submitted.state).toBe('pending_review');
    expect(await level()).toEqual(before);
    const approved = await buyerManager.req('POST', `/api/documents/purchase_order/${submitted.id}/approve`, {
      comment: '同意',
    });
    expect(approved.statusCode).toBe(200);
    po = approved.json<DocView>();
    expect(po.state).toBe('approved');
    expect(await level()).toEqual({ onHand: before.onHand, incoming: before.incoming + 100 });
  });

  it('receives the accepted quantity and reduces incoming by it; rejected goods stay incoming', async () => {
    const before = await level();
    const receipt = await createDoc(h().keeper, 'goods_receipt', receiptOf(h(), po.id, 95, 5));
    expect((await transition(h().keeper, 'goods_receipt', receipt, 'post')).state).toBe('posted');
    expect(await level()).toEqual({ onHand: before.onHand + 95, incoming: before.incoming - 95 });
  });

  it('refuses a receipt beyond what was ordered with 422 naming line, product, ordered, received and this receipt, and changes nothing', async () => {
    const before = await level();
    const receipt = await createDoc(h().keeper, 'goods_receipt', receiptOf(h(), po.id, 6));
    const res = await run(h().keeper, 'goods_receipt', receipt, 'post');
    expect(res.statusCode).toBe(422);
    const problem = res.json<Record<string, unknown>>();
    expect(problem).toMatchObject({
      line: 0,
      product: h().product.id,
      ordered: 100,
      alreadyReceived: 95,
      thisReceipt: 6,
      allowed: 100,
      tolerance: 0,
    });
    expect(String(problem.detail)).toContain('钛合金镜架 (FR-001)');
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/lines/0/acceptedQty' })]);
    expect(await level()).toEqual(before);
    expect((await h().keeper.req('GET', `/api/documents/goods_receipt/${receipt.id}`)).json<DocView>().state).toBe(
      'draft',
    );

    // The rest of the order still fits.
    const rest = await createDoc(h().keeper, 'goods_receipt', receiptOf(h(), po.id, 5));
    expect((await transition(h().keeper, 'goods_receipt', rest, 'post')).state).toBe('posted');
    expect(await level()).toEqual({ onHand: before.onHand + 5, incoming: before.incoming - 5 });
  });

  it('allows over-receipt within the order tolerance, summed over its receipts', async () => {
    const approved = await transition(
      purchaser,
      'purchase_order',
      await createDoc(purchaser, 'purchase_order', order(h(), 20, 10, { receiptTolerance: 10 })),
      'submit',
    );
    expect(approved.state).toBe('approved');
    const first = await createDoc(h().keeper, 'goods_receipt', receiptOf(h(), approved.id, 15));
    await transition(h().keeper, 'goods_receipt', first, 'post');
    const second = await createDoc(h().keeper, 'goods_receipt', receiptOf(h(), approved.id, 7));
    expect((await transition(h().keeper, 'goods_receipt', second, 'post')).state).toBe('posted');
    const third = await createDoc(h().keeper, 'goods_receipt', receiptOf(h(), approved.id, 1));
    const res = await run(h().keeper, 'goods_receipt', third, 'post');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ ordered: 20, alreadyReceived: 22, thisReceipt: 1, allowed: 22, tolerance: 10 });
  });

  it("uses the product's tolerance when the order has none", async () => {
    const { admin, warehouse } = h();
    const lens = (
      await createDoc(admin, 'product', { sku: 'LS-TOL', name: '镜片', unit: '片', price: 5, receiptTolerance: 5 })
    ).id;
    const approved = await transition(
      purchaser,
      'purchase_order',
      await createDoc(purchaser, 'purchase_order', {
        ...order(h(), 0, 0),
        lines: [{ product: lens, qty: 40, price: 2 }],
      }),
      'submit',
    );
    const receipt = (qty: number) => ({
      ...receiptOf(h(), approved.id, 0),
      lines: [{ product: lens, acceptedQty: qty }],
    });
    const over = await createDoc(h().keeper, 'goods_receipt', receipt(43));
    expect((await run(h().keeper, 'goods_receipt', over, 'post')).json()).toMatchObject({
      status: 422,
      allowed: 42,
      tolerance: 5,
    });
    const within = await createDoc(h().keeper, 'goods_receipt', receipt(42));
    expect((await transition(h().keeper, 'goods_receipt', within, 'post')).state).toBe('posted');
    const rows = (await h().keeper.req('GET', `/api/inventory/levels?product=${lens}&warehouse=${warehouse.id}`)).json<
      Array<{ onHand: number; incoming: number }>
    >();
    expect(rows).toEqual([expect.objectContaining({ onHand: 42, incoming: 0 })]);
  });

  it('closes an order short: what is still incoming goes, and no more goods are received against it', async () => {
    const approved = await transition(
      purchaser,
      'purchase_order',
      await createDoc(purchaser, 'purchase_order', order(h(), 30, 10)),
      'submit',
    );
    await transition(
      h().keeper,
      'goods_receipt',
      await createDoc(h().keeper, 'goods_receipt', receiptOf(h(), approved.id, 12)),
      'post',
    );
    const before = await level();
    const closing = await run(buyerManager, 'purchase_order', approved, 'close');
    expect(closing.statusCode).toBe(422); // a reason is required
    const closed = await transition(buyerManager, 'purchase_order', approved, 'close', {
      reason: '供应商缺货，短交关闭',
    });
    expect(closed.state).toBe('closed');
    expect(await level()).toEqual({ onHand: before.onHand, incoming: before.incoming - 18 });

    const late = await createDoc(h().keeper, 'goods_receipt', receiptOf(h(), approved.id, 1));
    const res = await run(h().keeper, 'goods_receipt', late, 'post');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ purchaseOrder: approved.id, state: 'closed' });
  });
});
