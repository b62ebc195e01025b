// A goods receipt whose post did not commit has its `inventory.receive` effect
// compensated (documents/apply-change.ts, intents.ts): the stock goes back and
// the purchase order's receipt tally stops counting that receipt's entry, keyed by
// the effect's key, because its receive operation is `undone`. Posting it again
// counts it once: with an order of 10 and a receipt of 6, a double count would
// refuse the second post (12 > 10).
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { resumeIntents } from '../../engine/documents/intents';
import { receivedAgainst } from '../../engine/purchasing/receipt-check';
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

const post = (c: Client, doc: { id: string; version: number }) =>
  c.req('POST', `/api/documents/goods_receipt/${doc.id}/transitions/post`, { version: doc.version });

describeApi('purchasing: a compensated receipt is counted once when posted again', (h) => {
  let purchaser: Client;
  let supplier: string;

  beforeAll(async () => {
    purchaser = await userClient(h().app, h().admin, 'buyer.comp', ['purchaser']);
    supplier = (await createDoc(h().admin, 'supplier', { code: 'S-COMP', name: '温州镜架厂' })).id;
  });

  afterEach(() => {
    h().t.app.engine.faults.clear();
  });

  /** An approved order for 10 of a fresh product (100 needs no approval). */
  async function approvedOrder(hh: Harness, sku: string): Promise<{ po: string; product: string }> {
    const product = (await createDoc(hh.admin, 'product', { sku, name: `补偿测试 ${sku}`, unit: '副', price: 0 })).id;
    const draft = await createDoc(purchaser, 'purchase_order', {
      supplier,
      warehouse: hh.warehouse.id,
      orderDate: '2026-11-20',
      lines: [{ product, qty: 10, price: 10 }],
    });
    const res = await purchaser.req('POST', `/api/documents/purchase_order/${draft.id}/transitions/submit`, {
      version: draft.version,
    });
    expect(res.json<DocView>().state).toBe('approved');
    return { po: draft.id, product };
  }

  const receipt = (hh: Harness, po: string, product: string, acceptedQty: number) =>
    createDoc(hh.keeper, 'goods_receipt', {
      supplier,
      warehouse: hh.warehouse.id,
      purchaseOrder: po,
      receiptDate: '2026-11-25',
      lines: [{ product, acceptedQty, rejectedQty: 0 }],
    });

  async function onHand(hh: Harness, product: string): Promise<number> {
    const rows = (
      await hh.keeper.req('GET', `/api/inventory/levels?product=${product}&warehouse=${hh.warehouse.id}`)
    ).json<Array<{ onHand: number }>>();
    return rows.reduce((t, r) => t + r.onHand, 0);
  }

  it('after the commit lost its race (409), posting again counts the receipt once', async () => {
    const { po, product } = await approvedOrder(h(), 'CMP-RACE');
    const doc = await receipt(h(), po, product, 6);
    // Someone edits the receipt between the effects and the commit: the write loses the version race.
    h().t.app.engine.faults.set({
      'documents.afterEffects': async () => {
        const edited = await h().keeper.req('PATCH', `/api/documents/goods_receipt/${doc.id}`, {
          version: doc.version,
          data: { remark: '到货时间改了' },
        });
        expect(edited.statusCode).toBe(200);
      },
    });
    expect((await post(h().keeper, doc)).statusCode).toBe(409);
    h().t.app.engine.faults.clear();
    expect(await onHand(h(), product)).toBe(0);
    expect(await receivedAgainst(h().t.store, po)).toEqual(new Map());

    const current = (await h().keeper.req('GET', `/api/documents/goods_receipt/${doc.id}`)).json<DocView>();
    const reposted = await post(h().keeper, current);
    expect(reposted.statusCode, reposted.body).toBe(200);
    expect(reposted.json<DocView>().state).toBe('posted');
    expect(await onHand(h(), product)).toBe(6);
    expect(await receivedAgainst(h().t.store, po)).toEqual(new Map([[product, 6]]));

    // The rest of the order fits exactly; one more is refused, counting 10 received.
    expect((await post(h().keeper, await receipt(h(), po, product, 4))).statusCode).toBe(200);
    const over = await post(h().keeper, await receipt(h(), po, product, 1));
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ ordered: 10, alreadyReceived: 10, thisReceipt: 1 });
  });

  it('after a crash before the commit that the resume sweep compensated, the retry of the same post counts it once', async () => {
    const { po, product } = await approvedOrder(h(), 'CMP-CRASH');
    const doc = await receipt(h(), po, product, 6);
    h().t.app.engine.faults.set({
      'documents.afterEffects': () => {
        throw new Error('simulated crash between the effects and the commit');
      },
    });
    expect((await post(h().keeper, doc)).statusCode).toBe(500);
    h().t.app.engine.faults.clear();
    // The dead request's receipt is counted until the sweep compensates it.
    expect(await receivedAgainst(h().t.store, po)).toEqual(new Map([[product, 6]]));
    const errors: unknown[] = [];
    const settled = await resumeIntents({
      store: h().t.store,
      engine: h().t.app.engine,
      log: { error: (obj) => errors.push(obj) },
      now: () => new Date(Date.now() + 120_000),
    });
    expect(errors).toEqual([]);
    expect(settled).toEqual([{ id: expect.stringContaining(doc.id), outcome: 'compensated' }]);
    expect(await onHand(h(), product)).toBe(0);
    expect(await receivedAgainst(h().t.store, po)).toEqual(new Map());

    // Same version, same request: the same effect key, whose tally entry is replaced, not added.
    const retried = await post(h().keeper, doc);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(await onHand(h(), product)).toBe(6);
    expect(await receivedAgainst(h().t.store, po)).toEqual(new Map([[product, 6]]));
    const over = await post(h().keeper, await receipt(h(), po, product, 5));
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ ordered: 10, alreadyReceived: 6, thisReceipt: 5, allowed: 10 });
  });
});
