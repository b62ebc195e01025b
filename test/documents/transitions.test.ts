import { beforeAll, expect, it } from 'vitest';
import type { EffectContext } from '../../engine/documents/effects';
import { ticketDefinition } from './fixtures';
import { createDoc, describeApi, orderData, stockUp, type Harness } from './harness';

const applied: EffectContext[] = [];

const transition = (
  h: Harness,
  c: Harness['clerk'],
  id: string,
  key: string,
  body: object,
  headers?: Record<string, string>,
) => c.req('POST', `/api/documents/sales_order/${id}/transitions/${key}`, body, headers);

describeApi('POST /api/documents/:type/:id/transitions/:key', (h) => {
  // Submitting reserves stock before the order is approved.
  beforeAll(() => stockUp(h()));

  it('approves at once when no approval level applies, and records the reserve effect in the outbox', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 2, price: 100 }]));
    const res = await transition(h(), h().clerk, doc.id, 'submit', { version: 1, comment: 'please' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'approved',
      version: 2,
      approval: { transition: 'submit', levels: [], status: 'approved' },
    });
    const outbox = await h().t.store.collection('outbox').find({ docId: doc.id });
    // Pending for the outbox worker, or already applied when the inventory handlers are registered.
    // fulfilment.sync shows an accepted backorder's promised date on the order (nothing to write here).
    expect(outbox.map((o) => o.effect).sort()).toEqual(['fulfilment.sync', 'inventory.reserve']);
  });

  it('waits in pending_review with the applicable levels, in order', async () => {
    const big = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 10, price: 2000 }]));
    const r1 = (await transition(h(), h().clerk, big.id, 'submit', { version: 1 })).json();
    expect(r1.state).toBe('pending_review');
    expect(r1.approval).toMatchObject({ levels: ['manager'], current: 0, status: 'pending' });
    const huge = await createDoc(h().manager, 'sales_order', orderData(h(), [{ qty: 100, price: 2000 }]));
    const r2 = (await transition(h(), h().manager, huge.id, 'submit', { version: 1 })).json();
    expect(r2.approval.levels).toEqual(['manager', 'finance']);
    const small = await createDoc(
      h().clerk,
      'sales_order',
      orderData(h(), [{ qty: 1, price: 100 }], { customer: h().customerC.id }),
    );
    const r3 = (await transition(h(), h().clerk, small.id, 'submit', { version: 1 })).json();
    expect(r3.approval.levels).toEqual(['finance']);
    // The reserve effect waits for the approval to complete.
    expect(await h().t.store.collection('outbox').count({ docId: big.id })).toBe(0);
  });

  it("fails the credit guard with the rule's message in the caller's language", async () => {
    // customerC: credit limit 5000. An open (pending) order of 3000, then one of 2500.
    const first = await createDoc(
      h().manager,
      'sales_order',
      orderData(h(), [{ qty: 30, price: 100 }], { customer: h().customerC.id }),
    );
    expect((await transition(h(), h().manager, first.id, 'submit', { version: 1 })).json().state).toBe(
      'pending_review',
    );
    const second = await createDoc(
      h().manager,
      'sales_order',
      orderData(h(), [{ qty: 25, price: 100 }], { customer: h().customerC.id }),
    );
    const zh = await transition(h(), h().manager, second.id, 'submit', { version: 1 });
    expect(zh.statusCode).toBe(422);
    expect(zh.json().code).toBe('RULE_FAILED');
    expect(zh.json().detail).toContain('信用额度');
    const en = await transition(
      h(),
      h().manager,
      second.id,
      'submit',
      { version: 1 },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.json().detail).toContain('credit limit');
    expect((await h().manager.req('GET', `/api/documents/sales_order/${second.id}`)).json()).toMatchObject({
      state: 'draft',
      version: 1,
    });
  });

  it('refuses a transition from the wrong state', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 1 }]));
    const res = await transition(h(), h().manager, doc.id, 'ship', { version: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('draft');
  });

  it('requires a reason where the transition asks for one, naming /reason', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 1 }]));
    const res = await transition(h(), h().clerk, doc.id, 'cancel', { version: 1, reason: '  ' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: '/reason', message: expect.any(String) }]);
    const ok = await transition(h(), h().clerk, doc.id, 'cancel', { version: 1, reason: '客户取消' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('cancelled');
  });

  it('refuses to publish an unknown effect, then runs it once after the state change when registered', async () => {
    const refused = await h().admin.req(
      'PUT',
      '/api/definitions/ticket',
      ticketDefinition({ effects: ['test.touch'] }),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/transitions/0/effects/0' })]),
    );
    // The registry is this engine's: the other backend's run registered nothing here.
    h().app.engine.effects.register('test.touch', async (ctx) => {
      applied.push(ctx);
    });
    expect(
      (await h().admin.req('PUT', '/api/definitions/ticket', ticketDefinition({ effects: ['test.touch'] }))).statusCode,
    ).toBe(201);
    const doc = await createDoc(h().clerk, 'ticket', { title: 'effect', region: 'north' });
    const res = await h().clerk.req('POST', `/api/documents/ticket/${doc.id}/transitions/close`, { version: 1 });
    expect(res.statusCode).toBe(200);
    const mine = applied.filter((c) => c.doc._id === doc.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].doc.state).toBe('closed');
    expect(mine[0].event.effects.map((e) => e.name)).toEqual(['test.touch']);
    const entry = await h().t.store.collection('outbox').findOne({ docId: doc.id });
    expect(entry).toMatchObject({ effect: 'test.touch', status: 'done', attempts: 1 });
    const history = (await h().clerk.req('GET', `/api/documents/ticket/${doc.id}/history`)).json().items;
    expect(history[1].effects).toEqual(['test.touch']);
  });

  it('lets exactly one of many concurrent transitions win; the rest get 409', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 1 }]));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => transition(h(), h().clerk, doc.id, 'submit', { version: 1 })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(9);
    const history = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/history`)).json().items;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'transition']);
    expect(await h().t.store.collection('outbox').count({ docId: doc.id })).toBe(2); // reserve and sync, once
  });

  it('refuses a role that may not run the transition with 403, and an unknown one with 404', async () => {
    const doc = await createDoc(h().manager, 'sales_order', orderData(h(), [{ qty: 1, price: 1 }]));
    const res = await transition(h(), h().keeper, doc.id, 'submit', { version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('submit');
    expect((await transition(h(), h().manager, doc.id, 'teleport', { version: 1 })).statusCode).toBe(404);
    expect((await transition(h(), h().manager, doc.id, 'submit', { version: 7 })).statusCode).toBe(409);
  });
});
