// A transition, final approval or change request whose effects are refused
// (stock short) fails with 422 naming product, warehouse, requested and
// available, and changes nothing: the document keeps its state, version and
// history, the levels are where they were, and nothing waits in the outbox.
import { expect, it } from 'vitest';
import { decideAs, describeApprovals, history } from './harness';
import { addStock, draftOrder, ledgerOf, levelOf, outboxOf, productWithStock, reservedBy, submit } from './stock';

describeApprovals('refused effects change nothing', (h) => {
  it('refuses a 5,000 submit from an A customer beyond available stock with 422, leaving the draft as it was', async () => {
    const product = await productWithStock(h(), 10, '树脂镜片');
    const doc = await draftOrder(h(), h().clerk, [{ product, qty: 50 }]);
    const before = {
      doc: (await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body,
      events: await history(h().clerk, doc),
    };
    const level = await levelOf(h(), product);

    const res = await submit(h().clerk, doc);

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'RULE_FAILED',
      product,
      warehouse: h().warehouse,
      requested: 50,
      available: 10,
    });
    expect(res.body.detail).toContain('树脂镜片');
    expect(res.body.detail).toContain('上海总仓');
    const after = (await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
    expect(after).toEqual(before.doc);
    expect(after).toMatchObject({ state: 'draft', version: 1, approval: null });
    expect(await history(h().clerk, doc)).toEqual(before.events);
    expect(await levelOf(h(), product)).toEqual(level);
    expect((await ledgerOf(h(), product)).map((m) => m.kind)).toEqual(['receive']);
    expect(await outboxOf(h(), doc.id)).toEqual([]);
  });

  it("refuses a two-line order whose second line is short, and leaves nothing of line 1's reservation behind", async () => {
    const plenty = await productWithStock(h(), 10);
    const scarce = await productWithStock(h(), 1);
    const doc = await draftOrder(h(), h().clerk, [
      { product: plenty, qty: 5 },
      { product: scarce, qty: 3 },
    ]);

    const res = await submit(h().clerk, doc);

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ product: scarce, warehouse: h().warehouse, requested: 3, available: 1 });
    expect(await levelOf(h(), plenty)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await levelOf(h(), scarce)).toEqual({ onHand: 1, reserved: 0, available: 1 });
    expect(await reservedBy(h(), plenty, doc.id)).toBe(0);
    expect(await outboxOf(h(), doc.id)).toEqual([]);

    // Once stock arrives the same request goes through, taking each line exactly once.
    await addStock(h(), scarce, 5);
    const retried = await submit(h().clerk, doc);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: 'approved', version: 2 });
    expect(await reservedBy(h(), plenty, doc.id)).toBe(5);
    expect(await reservedBy(h(), scarce, doc.id)).toBe(3);
    expect(await levelOf(h(), plenty)).toEqual({ onHand: 10, reserved: 5, available: 5 });
    expect((await outboxOf(h(), doc.id)).map((o) => [o.effect, o.status]).sort()).toEqual([
      ['fulfilment.sync', 'done'],
      ['inventory.reserve', 'done'],
    ]);
  });

  it('answers the approver of the last level with 422 when stock ran short meanwhile; the order stays pending_review', async () => {
    const product = await productWithStock(h(), 150);
    const big = await draftOrder(h(), h().clerk, [{ product, qty: 150 }]);
    const pending = await submit(h().clerk, big);
    expect(pending.body).toMatchObject({
      state: 'pending_review',
      approval: { status: 'pending', open: { level: 'manager' } },
    });
    const small = await submit(h().clerk2, await draftOrder(h(), h().clerk2, [{ product, qty: 90 }]));
    expect(small.body.state).toBe('approved');
    const events = await history(h().clerk, big);

    const res = await decideAs(h().manager, big, 'approve', { comment: '同意' });

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'RULE_FAILED',
      product,
      warehouse: h().warehouse,
      requested: 150,
      available: 60,
    });
    const after = (await h().clerk.call('GET', `/api/documents/sales_order/${big.id}`)).body;
    expect(after).toMatchObject({
      state: 'pending_review',
      version: pending.body.version,
      approval: { status: 'pending', decisions: [], open: { level: 'manager' } },
    });
    expect(await history(h().clerk, big)).toEqual(events);
    expect(await reservedBy(h(), product, big.id)).toBe(0);
    expect(await levelOf(h(), product)).toEqual({ onHand: 150, reserved: 90, available: 60 });
    expect((await outboxOf(h(), big.id)).filter((o) => o.status === 'pending')).toEqual([]);

    await addStock(h(), product, 100);
    const approved = await decideAs(h().manager, big, 'approve', { comment: '到货了' });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(await reservedBy(h(), product, big.id)).toBe(150);
  });

  it('refuses a change request whose raised quantity is short with 422, before applying it', async () => {
    const product = await productWithStock(h(), 20);
    const doc = (await submit(h().clerk, await draftOrder(h(), h().clerk, [{ product, qty: 5 }]))).body;
    expect(doc.state).toBe('approved');
    const events = await history(h().clerk, doc);

    const res = await h().clerk.call('POST', `/api/documents/sales_order/${doc.id}/change-requests`, {
      patch: { lines: [{ product, qty: 50, price: 100 }] },
      reason: '客户追加数量',
      version: doc.version,
    });

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'RULE_FAILED',
      product,
      warehouse: h().warehouse,
      requested: 45,
      available: 15,
    });
    const after = (await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
    expect(after).toMatchObject({ state: 'approved', version: doc.version, data: { total: 500, lines: [{ qty: 5 }] } });
    expect(await history(h().clerk, doc)).toEqual(events);
    expect(await reservedBy(h(), product, doc.id)).toBe(5);
    expect(await levelOf(h(), product)).toEqual({ onHand: 20, reserved: 5, available: 15 });
  });

  it('releases a lowered quantity after the change is written, exactly once', async () => {
    const product = await productWithStock(h(), 20);
    const doc = (await submit(h().clerk, await draftOrder(h(), h().clerk, [{ product, qty: 8 }]))).body;
    const res = await h().clerk.call('POST', `/api/documents/sales_order/${doc.id}/change-requests`, {
      patch: { lines: [{ product, qty: 3, price: 100 }] },
      reason: '客户减少数量',
      version: doc.version,
    });
    expect(res.status).toBe(201);
    expect(res.body.data.total).toBe(300);
    expect(await reservedBy(h(), product, doc.id)).toBe(3);
    expect((await history(h().clerk, doc)).at(-1).effects).toEqual(['change.rebalance-release']);
    expect((await outboxOf(h(), doc.id)).filter((o) => o.status !== 'done')).toEqual([]);
  });
});
