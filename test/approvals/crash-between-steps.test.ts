// A request that dies between its effects and its commit (a hook throws there,
// as a crash would end it) leaves an intent in the outbox; the resume sweep
// settles it exactly once: before the decision to commit it compensates (the
// order stays a draft, nothing held), after it it rolls the change forward (the
// order is approved once, reserved once). Running the sweep again changes nothing.
// After-commit effects (a cancellation's release) whose inline run failed are
// applied by the same sweep, once.
import { afterEach, expect, it } from 'vitest';
import { INTENTS_COLLECTION, resumeIntents } from '../../engine/documents/intents';
import { resumePendingEffects } from '../../engine/documents/resume-effects';
import { registerInventoryEffects } from '../../engine/inventory/effects';
import { checkReceiptAgainstOrder } from '../../engine/purchasing/index';
import { describeApprovals, history, type Harness } from './harness';
import { draftOrder, ledgerOf, levelOf, outboxOf, productWithStock, reservedBy, submit } from './stock';

const crash = (): never => {
  throw new Error('simulated crash between the steps');
};

/** The sweep as it runs once the lease has passed; the log must stay empty. */
async function sweepLater(h: Harness) {
  const errors: unknown[] = [];
  const settled = await resumeIntents({
    store: h.t.store,
    engine: h.t.app.engine,
    log: { error: (obj) => errors.push(obj) },
    now: () => new Date(Date.now() + 120_000),
  });
  expect(errors).toEqual([]);
  return settled;
}

const intentsOf = (h: Harness, docId: string) => h.t.store.collection(INTENTS_COLLECTION).find({ docId });

describeApprovals('a crash between effects and commit', (h) => {
  afterEach(() => {
    h().t.app.engine.faults.clear();
    registerInventoryEffects(h().t.app.engine.effects.register, { checkReceipt: checkReceiptAgainstOrder });
  });

  it('is compensated by the resume sweep when it died before deciding to commit, exactly once', async () => {
    const product = await productWithStock(h(), 10);
    const doc = await draftOrder(h(), h().clerk, [{ product, qty: 4 }]);
    h().t.app.engine.faults.set({ 'documents.afterEffects': crash });

    const res = await submit(h().clerk, doc);

    expect(res.status).toBe(500);
    h().t.app.engine.faults.clear();
    // The dead request held the stock and left its intent pending.
    expect(await levelOf(h(), product)).toEqual({ onHand: 10, reserved: 4, available: 6 });
    expect(await intentsOf(h(), doc.id)).toEqual([
      expect.objectContaining({ status: 'pending', seq: 2, baseVersion: 1 }),
    ]);
    // Within the lease the sweep leaves it alone: the request might still be alive.
    expect(await resumeIntents({ store: h().t.store, engine: h().t.app.engine, log: { error: crash } })).toEqual([]);

    expect(await sweepLater(h())).toEqual([{ id: expect.stringContaining(doc.id), outcome: 'compensated' }]);

    expect(await levelOf(h(), product)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect((await ledgerOf(h(), product)).map((m) => m.kind)).toEqual(['receive', 'reserve', 'compensate']);
    expect((await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body).toMatchObject({
      state: 'draft',
      version: 1,
    });
    expect((await history(h().clerk, doc)).map((e) => e.kind)).toEqual(['created']);
    expect(await outboxOf(h(), doc.id)).toEqual([]);

    expect(await sweepLater(h())).toEqual([]);
    expect(await levelOf(h(), product)).toEqual({ onHand: 10, reserved: 0, available: 10 });

    // The client's retry of the same request reuses the same keys and goes through once.
    const retried = await submit(h().clerk, doc);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: 'approved', version: 2 });
    expect(await reservedBy(h(), product, doc.id)).toBe(4);
    expect(await levelOf(h(), product)).toEqual({ onHand: 10, reserved: 4, available: 6 });
  });

  it('is rolled forward by the resume sweep when it died after deciding to commit, exactly once', async () => {
    const product = await productWithStock(h(), 10);
    const doc = await draftOrder(h(), h().clerk, [{ product, qty: 3 }]);
    h().t.app.engine.faults.set({ 'documents.beforeWrite': crash });

    const res = await submit(h().clerk, doc);

    expect(res.status).toBe(500);
    h().t.app.engine.faults.clear();
    expect(await intentsOf(h(), doc.id)).toEqual([expect.objectContaining({ status: 'committing' })]);
    expect((await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body).toMatchObject({
      state: 'draft',
      version: 1,
    });

    expect(await sweepLater(h())).toEqual([{ id: expect.stringContaining(doc.id), outcome: 'committed' }]);

    const after = (await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
    expect(after).toMatchObject({ state: 'approved', version: 2, approval: { status: 'approved' } });
    const events = await history(h().clerk, doc);
    expect(events.map((e) => [e.kind, e.to])).toEqual([
      ['created', 'draft'],
      ['transition', 'approved'],
    ]);
    expect(events[1].effects).toEqual(['inventory.reserve', 'fulfilment.sync']);
    expect(await levelOf(h(), product)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    expect((await ledgerOf(h(), product)).map((m) => m.kind)).toEqual(['receive', 'reserve']);
    expect((await outboxOf(h(), doc.id)).map((o) => [o.effect, o.status]).sort()).toEqual([
      ['fulfilment.sync', 'done'],
      ['inventory.reserve', 'done'],
    ]);

    expect(await sweepLater(h())).toEqual([]);
    expect(await levelOf(h(), product)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    expect((await history(h().clerk, doc)).length).toBe(2);
    // The client's retry of the request it never got an answer to finds the order changed.
    expect((await submit(h().clerk, doc)).status).toBe(409);
  });

  it('compensates when the document moved on before the sweep could roll the change forward', async () => {
    const product = await productWithStock(h(), 10);
    const doc = await draftOrder(h(), h().clerk, [{ product, qty: 2 }]);
    h().t.app.engine.faults.set({ 'documents.beforeWrite': crash });
    expect((await submit(h().clerk, doc)).status).toBe(500);
    h().t.app.engine.faults.clear();
    const edited = await h().clerk.call('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { remark: '客户改了地址' },
    });
    expect(edited.status).toBe(200);

    expect(await sweepLater(h())).toEqual([{ id: expect.stringContaining(doc.id), outcome: 'compensated' }]);

    expect((await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body).toMatchObject({
      state: 'draft',
      version: 2,
    });
    expect(await levelOf(h(), product)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await outboxOf(h(), doc.id)).toEqual([]);
  });

  it("releases a cancelled order's stock through the sweep when the release after the commit failed, exactly once", async () => {
    const product = await productWithStock(h(), 10);
    const doc = (await submit(h().clerk, await draftOrder(h(), h().clerk, [{ product, qty: 6 }]))).body;
    expect(doc.state).toBe('approved');
    h().t.app.engine.effects.register('inventory.release', crash, { phase: 'after-commit' });

    const res = await h().manager.call('POST', `/api/documents/sales_order/${doc.id}/cancellation`, {
      reason: '客户取消',
    });

    expect(res.status).toBe(200);
    expect(res.body.state).toBe('cancelled');
    expect(await reservedBy(h(), product, doc.id)).toBe(6);
    expect((await outboxOf(h(), doc.id)).map((o) => [o.effect, o.status]).sort()).toEqual([
      ['fulfilment.sync', 'done'],
      ['inventory.release', 'pending'],
      ['inventory.reserve', 'done'],
    ]);
    registerInventoryEffects(h().t.app.engine.effects.register, { checkReceipt: checkReceiptAgainstOrder });
    const later = {
      store: h().t.store,
      engine: h().t.app.engine,
      log: { error: crash },
      now: () => new Date(Date.now() + 120_000),
    };

    expect(await resumePendingEffects(later)).toBe(1);
    expect(await resumePendingEffects(later)).toBe(0);

    expect(await reservedBy(h(), product, doc.id)).toBe(0);
    expect(await levelOf(h(), product)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect((await ledgerOf(h(), product)).filter((m) => m.kind === 'release')).toHaveLength(1);
    expect((await outboxOf(h(), doc.id)).map((o) => o.status)).toEqual(['done', 'done', 'done']); // reserve, sync, release
  });
});
