// Change requests on approved orders: levels re-evaluated on the new values, the
// change applied atomically by the last approval with before/after in the
// history, and the reservation moved by the difference.
import { expect, it } from 'vitest';
import { createDoc, decideAs, describeApprovals, heldBy, history, order, submitOrder, type Harness } from './harness';

const changeLines = (h: Harness, qty: number, price = 100) => ({ lines: [{ product: h.product, qty, price }] });

/** Made against the document's current version (the version checks are in test/security). */
const requestChange = async (
  h: Harness,
  doc: { id: string },
  patch: object,
  reason = '客户追加数量',
  as = h.clerk,
  headers?: Record<string, string>,
) => {
  const { version } = (await h.admin.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
  return as.call('POST', `/api/documents/sales_order/${doc.id}/change-requests`, { patch, reason, version }, headers);
};

describeApprovals('change requests', (h) => {
  it('re-evaluates the levels on the raised quantity and, once approved, reserves the difference', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    expect(doc.state).toBe('approved');
    expect((await heldBy(h(), doc.id)).reserved).toBe(50);

    const asked = await requestChange(h(), doc, changeLines(h(), 500));
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      state: 'approved',
      data: { total: 5000 },
      approval: { kind: 'change', status: 'pending', levels: ['manager'], reason: '客户追加数量' },
    });
    expect(asked.body.approval.steps[0].why.vars).toEqual({ 'data.total': 50000 });
    expect(asked.body.approval.change.changes.map((c: { field: string }) => c.field)).toEqual(['lines', 'total']);
    expect((await heldBy(h(), doc.id)).reserved).toBe(50);
    const inbox = (await h().manager.call('GET', '/api/approvals/inbox')).body.items.find(
      (i: { id: string }) => i.id === doc.id,
    );
    expect(inbox).toMatchObject({ kind: 'change', reason: '客户追加数量', level: { key: 'manager' } });

    const approved = await decideAs(h().manager, doc, 'approve', { comment: '可以' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      data: { total: 50000, lines: [{ qty: 500, amount: 50000 }] },
      approval: { status: 'approved' },
    });
    expect(await heldBy(h(), doc.id)).toMatchObject({ reserved: 500, reserves: 2 });

    const events = await history(h().clerk, doc);
    const request = events.find((e) => e.kind === 'change_request');
    expect(request).toMatchObject({
      reason: '客户追加数量',
      diff: [],
      details: { approval: { action: 'requested', kind: 'change' } },
    });
    const applied = events.at(-1);
    expect(applied).toMatchObject({
      kind: 'approval',
      from: 'approved',
      to: 'approved',
      effects: ['change.rebalance'],
    });
    expect(applied.diff).toEqual(
      expect.arrayContaining([expect.objectContaining({ op: 'replace', path: '/total', value: 50000 })]),
    );
    expect(applied.details.approval.applied).toEqual(
      expect.arrayContaining([{ field: 'total', before: 5000, after: 50000 }]),
    );
  });

  it('applies a change that no level applies to at once, and releases a lowered quantity', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    const raised = await requestChange(h(), doc, changeLines(h(), 60));
    expect(raised.body).toMatchObject({
      state: 'approved',
      data: { total: 6000 },
      approval: { kind: 'change', status: 'approved', levels: [] },
    });
    expect((await heldBy(h(), doc.id)).reserved).toBe(60);
    const lowered = await requestChange(h(), doc, changeLines(h(), 20), '客户减少数量');
    expect(lowered.body.data.total).toBe(2000);
    expect(await heldBy(h(), doc.id)).toMatchObject({ reserved: 20, releases: 1 });
  });

  it('keeps the data when the change is rejected', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    await requestChange(h(), doc, changeLines(h(), 2000));
    const rejected = await decideAs(h().manager, doc, 'reject', { comment: '库存不够' });
    expect(rejected.body).toMatchObject({
      state: 'approved',
      data: { total: 5000 },
      approval: { kind: 'change', status: 'rejected' },
    });
    expect((await heldBy(h(), doc.id)).reserved).toBe(50);
  });

  it('allows one open request at a time', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    expect((await requestChange(h(), doc, changeLines(h(), 500))).status).toBe(201);
    const second = await requestChange(h(), doc, changeLines(h(), 600));
    expect(second.status).toBe(422);
    expect(second.body.detail).toContain('已有待审批的申请');
  });

  it('needs a reason, naming /reason, and an approved document', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    const bare = await requestChange(h(), doc, changeLines(h(), 60), '');
    expect(bare.status).toBe(422);
    expect(bare.body.errors).toEqual([expect.objectContaining({ path: '/reason' })]);
    const draft = await createDoc(h().clerk, 'sales_order', order(h(), 5, 100).data);
    const res = await requestChange(h(), draft, changeLines(h(), 60));
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('draft');
  });

  it('refuses an invalid patch with the field path', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    const res = await requestChange(h(), doc, changeLines(h(), -3));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/lines/0/qty' })]);
  });
});
