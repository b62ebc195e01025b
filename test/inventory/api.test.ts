import { expect, it } from 'vitest';
import { createDoc, describeApi, orderData, type Client } from '../documents/harness';

interface DocJson {
  id: string;
  version: number;
  state: string;
  number: string;
}

async function transition(
  c: Client,
  type: string,
  doc: { id: string; version: number },
  key: string,
): Promise<DocJson> {
  const res = await c.req('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, { version: doc.version });
  if (res.statusCode !== 200) throw new Error(`${type} ${key} failed: ${res.statusCode} ${res.body}`);
  return res.json<DocJson>();
}

interface LedgerJson {
  kind: string;
  delta: { onHand: number };
  balance: number;
  ref: { type: string; id: string; number?: string };
}

describeApi('inventory API', (h) => {
  it('answers 401 without a token', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/inventory/levels' });
    expect(res.statusCode).toBe(401);
  });

  it('shows levels to every signed-in role, a sales clerk included', async () => {
    const { clerk, keeper, manager, product } = h();
    for (const c of [clerk, keeper, manager]) {
      const res = await c.req('GET', `/api/inventory/levels?product=${product.id}`);
      expect(res.statusCode).toBe(200);
    }
  });

  it('keeps the ledger (which names the documents behind each move) from a sales clerk with 403, and shows it to the roles that work with stock', async () => {
    const { clerk, keeper, manager, admin, product } = h();
    const refused = await clerk.req('GET', `/api/inventory/ledger?product=${product.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(String(refused.json().detail)).toContain('warehouse_keeper');
    expect(String(refused.json().detail)).toContain('sales_clerk');
    for (const c of [keeper, manager, admin]) {
      const res = await c.req('GET', `/api/inventory/ledger?product=${product.id}`);
      expect(res.statusCode).toBe(200);
    }
  });

  it.each([
    ['an operator key', '/api/inventory/levels?product[$ne]=x'],
    ['a JSON object value', `/api/inventory/levels?product=${encodeURIComponent('{"$gt":""}')}`],
    ['a repeated parameter', '/api/inventory/levels?product=a&product=b'],
    ['an unknown parameter', '/api/inventory/levels?sku=a'],
    ['a ledger without product', '/api/inventory/ledger?warehouse=w'],
  ])('refuses %s with 400', async (_what, url) => {
    const res = await h().keeper.req('GET', url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('shows stock received, reserved on approval and issued on shipping, with the ledger balance', async () => {
    const { admin, clerk, keeper, warehouse, product } = h();
    const supplier = await createDoc(admin, 'supplier', { code: 'S-INV', name: '丹阳镜片厂' });
    const receipt = await createDoc(keeper, 'goods_receipt', {
      supplier: supplier.id,
      warehouse: warehouse.id,
      receiptDate: '2026-11-21',
      lines: [{ product: product.id, acceptedQty: 5, rejectedQty: 1 }],
    });
    await transition(keeper, 'goods_receipt', receipt, 'post');

    const order = await createDoc(clerk, 'sales_order', orderData(h(), [{ qty: 3, price: 100 }]));
    const approved = await transition(clerk, 'sales_order', order, 'submit');
    expect(approved.state).toBe('approved');
    const query = `product=${product.id}&warehouse=${warehouse.id}`;
    let levels = (await keeper.req('GET', `/api/inventory/levels?${query}`)).json();
    expect(levels).toEqual([
      {
        product: product.id,
        warehouse: warehouse.id,
        onHand: 5,
        reserved: 3,
        incoming: 0,
        available: 2,
        projected: 2,
        // Valuation (engine/inventory/valuation.ts, test/inventory/valuation.test.ts).
        unitCost: expect.any(Number),
        value: expect.any(Number),
      },
    ]);

    await transition(keeper, 'sales_order', approved, 'ship');
    levels = (await keeper.req('GET', `/api/inventory/levels?${query}`)).json();
    expect(levels[0]).toMatchObject({ onHand: 2, reserved: 0, available: 2 });

    const ledger = (await keeper.req('GET', `/api/inventory/ledger?${query}`)).json<LedgerJson[]>();
    expect(ledger.map((m) => [m.kind, m.delta.onHand, m.balance, m.ref.type])).toEqual([
      ['receive', 5, 5, 'goods_receipt'],
      ['reserve', 0, 5, 'sales_order'],
      ['issue', -3, 2, 'sales_order'],
    ]);
    expect(ledger[2].ref).toMatchObject({ id: order.id, number: order.number });
  });

  it('refuses to approve an order for more than is available with 422, reserving nothing', async () => {
    const { clerk, keeper, warehouse, product } = h();
    const before = (
      await keeper.req('GET', `/api/inventory/levels?product=${product.id}&warehouse=${warehouse.id}`)
    ).json();
    const available = before.reduce((t: number, l: { available: number }) => t + l.available, 0);
    const order = await createDoc(clerk, 'sales_order', orderData(h(), [{ qty: available + 1, price: 1 }]));
    const res = await clerk.req('POST', `/api/documents/sales_order/${order.id}/transitions/submit`, {
      version: order.version,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'RULE_FAILED',
      product: product.id,
      warehouse: warehouse.id,
      requested: available + 1,
      available,
    });
    const after = (
      await keeper.req('GET', `/api/inventory/levels?product=${product.id}&warehouse=${warehouse.id}`)
    ).json();
    expect(after).toEqual(before);
  });
});
