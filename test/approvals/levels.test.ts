// Approval levels of the built-in sales_order (DESIGN §13): which levels apply,
// in order, who may decide them, rejection, self-approval, and the history.
import { expect, it } from 'vitest';
import { createDoc, decideAs, describeApprovals, history, order, submitOrder } from './harness';

describeApprovals('approval levels', (h) => {
  it('approves a 5,000 order from an A customer at once, recording why no level applied', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    expect(doc.state).toBe('approved');
    expect(doc.approval).toMatchObject({ status: 'approved', levels: [], steps: [] });
    const events = await history(h().clerk, doc);
    const submit = events.find((e) => e.transition === 'submit');
    expect(submit.to).toBe('approved');
    expect(submit.effects).toContain('inventory.reserve');
    const skipped = submit.details.approval.skipped;
    expect(skipped.map((s: { key: string }) => s.key)).toEqual(['manager', 'finance']);
    expect(skipped[0].why).toMatchObject({ holds: false, text: 'data.total ≥ 10000', vars: { 'data.total': 5000 } });
    expect(skipped[1].why.clauses).toEqual([
      { text: 'data.total ≥ 100000', holds: false },
      { text: 'related.customer.creditLevel = "C"', holds: false },
    ]);
  });

  it('sends a 50,000 order to sales_manager, and completes it with one approval', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100);
    expect(doc.state).toBe('pending_review');
    expect(doc.approval).toMatchObject({
      status: 'pending',
      levels: ['manager'],
      current: 0,
      open: { level: 'manager', roles: ['sales_manager'] },
    });
    expect(doc.approval.steps[0].why).toMatchObject({ holds: true, vars: { 'data.total': 50000 } });

    const inbox = (await h().manager.call('GET', '/api/approvals/inbox')).body.items;
    const item = inbox.find((i: { id: string }) => i.id === doc.id);
    expect(item).toMatchObject({
      type: 'sales_order',
      number: doc.number,
      total: 50000,
      level: { key: 'manager', index: 1, of: 1 },
    });
    expect(item.customer).toMatchObject({ id: h().customerA, name: '上海明亮眼镜有限公司' });
    expect(item.waitingMs).toBeGreaterThanOrEqual(0);
    expect(
      (await h().finance.call('GET', '/api/approvals/inbox')).body.items.some((i: { id: string }) => i.id === doc.id),
    ).toBe(false);

    const res = await decideAs(h().manager, doc, 'approve', { comment: '同意' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'approved', approval: { status: 'approved' } });
    expect(res.body.approval.decisions).toEqual([
      expect.objectContaining({
        level: 'manager',
        decision: 'approve',
        comment: '同意',
        by: { id: h().manager.user.id, username: 'manager.one' },
      }),
    ]);
    const approved = (await history(h().manager, doc)).at(-1);
    expect(approved).toMatchObject({
      kind: 'approval',
      from: 'pending_review',
      to: 'approved',
      comment: '同意',
      effects: ['inventory.reserve', 'fulfilment.sync'],
    });
    expect(approved.details.approval).toMatchObject({ action: 'approved', level: 'manager', status: 'approved' });
  });

  it('sends a 150,000 order to sales_manager, then finance_manager', async () => {
    const doc = await submitOrder(h(), h().clerk, 1500, 100);
    expect(doc.approval.levels).toEqual(['manager', 'finance']);
    expect((await decideAs(h().finance, doc, 'approve')).status).toBe(403);
    const first = await decideAs(h().manager, doc, 'approve');
    expect(first.body).toMatchObject({ state: 'pending_review', approval: { current: 1, open: { level: 'finance' } } });
    expect(
      (await h().finance.call('GET', '/api/approvals/inbox')).body.items.map((i: { id: string }) => i.id),
    ).toContain(doc.id);
    const second = await decideAs(h().finance, doc, 'approve');
    expect(second.body).toMatchObject({ state: 'approved', approval: { status: 'approved', current: 2 } });
    // The reservation is made once, by the last approval.
    expect(await h().t.store.collection('outbox').count({ docId: doc.id, effect: 'inventory.reserve' })).toBe(1);
  });

  it('sends an order of a C-credit customer to finance_manager only', async () => {
    const doc = await submitOrder(h(), h().clerk, 10, 100, { customer: h().customerC });
    expect(doc.approval.levels).toEqual(['finance']);
    expect(doc.approval.steps[0].why.clauses).toEqual([
      { text: 'data.total ≥ 100000', holds: false },
      { text: 'related.customer.creditLevel = "C"', holds: true },
    ]);
    expect((await decideAs(h().finance, doc, 'approve')).body.state).toBe('approved');
  });

  it('returns a rejected order to draft, and needs a comment naming /comment', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100);
    const bare = await decideAs(h().manager, doc, 'reject', {});
    expect(bare.status).toBe(422);
    expect(bare.body.errors).toEqual([expect.objectContaining({ path: '/comment' })]);
    const res = await decideAs(h().manager, doc, 'reject', { comment: '价格太低' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'draft', approval: { status: 'rejected' } });
    expect((await history(h().clerk, doc)).at(-1)).toMatchObject({
      kind: 'approval',
      from: 'pending_review',
      to: 'draft',
      comment: '价格太低',
      effects: [],
    });
    expect(await h().t.store.collection('outbox').count({ docId: doc.id })).toBe(0);
    // Decided: a late approval is told so.
    const late = await decideAs(h().manager2, doc, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('已由 manager.one 审批');
  });

  it('refuses a decision with 422 when no approval is open', async () => {
    const draft = await createDoc(h().clerk, 'sales_order', order(h(), 500, 100).data);
    const res = await decideAs(h().manager, draft, 'approve');
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('没有待审批的申请');
  });

  it('refuses a clerk with 403', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100);
    const res = await decideAs(h().clerk, doc, 'approve');
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('角色 sales_manager');
    expect((await decideAs(h().keeper, doc, 'approve')).status).toBe(403);
  });

  it('refuses the requester approving their own order', async () => {
    const doc = await submitOrder(h(), h().manager, 500, 100);
    const res = await decideAs(h().manager, doc, 'approve');
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('self_approval');
    expect(
      (await h().manager.call('GET', '/api/approvals/inbox')).body.items.some((i: { id: string }) => i.id === doc.id),
    ).toBe(false);
    expect((await decideAs(h().manager2, doc, 'approve')).body.state).toBe('approved');
  });

  it('counts exactly one of two concurrent approvals in any mode', async () => {
    const doc = await submitOrder(h(), h().clerk, 1500, 100);
    const [a, b] = await Promise.all([decideAs(h().manager, doc, 'approve'), decideAs(h().manager2, doc, 'approve')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.detail).toMatch(/的审批级别 \w+ 已/);
    const now = (await h().admin.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
    expect(now.approval.decisions.filter((d: { level: string }) => d.level === 'manager')).toHaveLength(1);
    expect(now.approval).toMatchObject({ current: 1, open: { level: 'finance' } });
  });
});
