// Cancellation requests on the built-in sales_order (its cancel transition has no
// approval levels): cancelled at once, the reservation released exactly once,
// however the request is replayed.
import { expect, it } from 'vitest';
import { describeApprovals, heldBy, history, submitOrder, type Client, type Harness } from './harness';

const cancel = (
  c: Client,
  doc: { id: string },
  body: object = { reason: '客户取消' },
  headers?: Record<string, string>,
) => c.call('POST', `/api/documents/sales_order/${doc.id}/cancellation`, body, headers);

async function approvedOrder(h: Harness) {
  const doc = await submitOrder(h, h.clerk, 30, 100);
  expect(doc.state).toBe('approved');
  expect((await heldBy(h, doc.id)).reserved).toBe(30);
  return doc;
}

describeApprovals('cancellation requests', (h) => {
  it('cancels an approved order and releases its reservation once, even when replayed', async () => {
    const doc = await approvedOrder(h());
    const res = await cancel(h().manager, doc);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'cancelled',
      approval: { kind: 'cancellation', status: 'approved', reason: '客户取消' },
    });
    expect(await heldBy(h(), doc.id)).toMatchObject({ reserved: 0, releases: 1 });
    const again = await cancel(h().manager, doc);
    expect(again.status).toBe(422);
    expect(again.body.detail).toContain('已处于终态');
    expect(await heldBy(h(), doc.id)).toMatchObject({ reserved: 0, releases: 1 });
    const event = (await history(h().manager, doc)).at(-1);
    expect(event).toMatchObject({
      kind: 'cancellation',
      from: 'approved',
      to: 'cancelled',
      reason: '客户取消',
      effects: ['inventory.release'],
    });
  });

  it('replays the first answer for the same Idempotency-Key', async () => {
    const doc = await approvedOrder(h());
    const key = { 'idempotency-key': `cancel-${doc.id}` };
    const first = await cancel(h().manager, doc, { reason: '客户取消' }, key);
    const second = await cancel(h().manager, doc, { reason: '客户取消' }, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await heldBy(h(), doc.id)).toMatchObject({ reserved: 0, releases: 1 });
  });

  it('lets exactly one of two concurrent cancellations through', async () => {
    const doc = await approvedOrder(h());
    const results = await Promise.all([cancel(h().manager, doc), cancel(h().manager2, doc)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    expect(await heldBy(h(), doc.id)).toMatchObject({ reserved: 0, releases: 1 });
  });

  it('needs a reason naming /reason', async () => {
    const doc = await approvedOrder(h());
    const res = await cancel(h().manager, doc, {});
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/reason' })]);
  });

  it("applies the cancel transition's guard: a clerk cannot cancel an approved order", async () => {
    const doc = await approvedOrder(h());
    const res = await cancel(h().clerk, doc);
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('销售经理');
    expect((await heldBy(h(), doc.id)).reserved).toBe(30);
  });

  it('refuses an order that is waiting for approval (not a state cancel starts from)', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100);
    const res = await cancel(h().manager, doc);
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('pending_review');
  });

  it('supersedes an open change request', async () => {
    const doc = await approvedOrder(h());
    await h().clerk.call('POST', `/api/documents/sales_order/${doc.id}/change-requests`, {
      patch: { lines: [{ product: h().product, qty: 300, price: 100 }] },
      reason: '追加',
      version: doc.version,
    });
    const res = await cancel(h().manager, doc);
    expect(res.body.state).toBe('cancelled');
    expect(
      (await h().manager.call('GET', '/api/approvals/inbox')).body.items.some((i: { id: string }) => i.id === doc.id),
    ).toBe(false);
    expect((await history(h().manager, doc)).at(-1).details.approval.superseded).toMatchObject({ kind: 'change' });
    expect((await heldBy(h(), doc.id)).reserved).toBe(0);
  });
});
