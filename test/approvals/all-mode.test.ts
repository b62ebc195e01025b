// `all` mode (会签): every approver of the level must approve, each counts once.
// And a cancel transition with its own approval level. Both on a published
// variant of sales_order.
import { beforeAll, expect, it } from 'vitest';
import { decideAs, describeApprovals, heldBy, history, publishVariant, submitOrder } from './harness';

const TYPE = 'sales_order_all';

describeApprovals('all mode and cancellation levels', (h) => {
  beforeAll(async () => {
    await publishVariant(h(), TYPE, (def) => {
      def.transitions[0].approval.levels[0].mode = 'all';
      const cancel = def.transitions.find((t: { key: string }) => t.key === 'cancel');
      cancel.approval = {
        pendingState: 'pending_review',
        levels: [
          {
            key: 'finance',
            label: { 'zh-CN': '财务审批', en: 'Finance approval' },
            when: { '==': [{ var: 'doc.state' }, 'approved'] },
            approvers: { roles: ['finance_manager'] },
            mode: 'any',
          },
        ],
      };
    });
  });

  it('needs every sales manager, each counted once', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100, {}, TYPE);
    expect(doc.approval.steps[0]).toMatchObject({ key: 'manager', mode: 'all' });
    const first = await decideAs(h().manager, doc, 'approve');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      state: 'pending_review',
      approval: { status: 'pending', open: { level: 'manager' } },
    });
    expect(first.body.approval.steps[0].approvedBy).toEqual([h().manager.user.id]);
    const again = await decideAs(h().manager, doc, 'approve');
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('您已审批过级别 manager');
    expect(
      (await h().manager.call('GET', '/api/approvals/inbox')).body.items.some((i: { id: string }) => i.id === doc.id),
    ).toBe(false);
    const second = await decideAs(h().manager2, doc, 'approve');
    expect(second.body).toMatchObject({ state: 'approved', approval: { status: 'approved' } });
    const decisions = (await history(h().clerk, doc)).filter((e) => e.kind === 'approval');
    expect(decisions.map((e) => e.details.approval.levelComplete)).toEqual([false, true]);
  });

  it('counts both of two concurrent approvals by different approvers', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100, {}, TYPE);
    const [a, b] = await Promise.all([decideAs(h().manager, doc, 'approve'), decideAs(h().manager2, doc, 'approve')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const now = (await h().admin.call('GET', `/api/documents/${TYPE}/${doc.id}`)).body;
    expect(now.state).toBe('approved');
    expect([...now.approval.steps[0].approvedBy].sort()).toEqual([h().manager.user.id, h().manager2.user.id].sort());
  });

  it('leaves the requester out of the approvers it waits for', async () => {
    const doc = await submitOrder(h(), h().manager, 500, 100, {}, TYPE);
    expect((await decideAs(h().manager, doc, 'approve')).status).toBe(403);
    expect((await decideAs(h().manager2, doc, 'approve')).body.state).toBe('approved');
  });

  it('cancels through the cancel level, releasing the reservation once', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100, {}, TYPE);
    expect(doc.state).toBe('approved');
    expect((await heldBy(h(), doc.id)).reserved).toBe(50);
    const asked = await h().manager.call('POST', `/api/documents/${TYPE}/${doc.id}/cancellation`, {
      reason: '客户取消',
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      state: 'pending_review',
      approval: { kind: 'cancellation', levels: ['finance'], reason: '客户取消' },
    });
    expect((await heldBy(h(), doc.id)).reserved).toBe(50);
    const rejected = await decideAs(h().finance, doc, 'reject', { comment: '已发货准备中' });
    expect(rejected.body.state).toBe('approved');
    expect((await heldBy(h(), doc.id)).reserved).toBe(50);

    await h().manager.call('POST', `/api/documents/${TYPE}/${doc.id}/cancellation`, { reason: '客户坚持取消' });
    const approved = await decideAs(h().finance2, doc, 'approve');
    expect(approved.body.state).toBe('cancelled');
    expect(await heldBy(h(), doc.id)).toMatchObject({ reserved: 0, releases: 1 });
    const replay = await h().manager.call('POST', `/api/documents/${TYPE}/${doc.id}/cancellation`, {
      reason: '客户坚持取消',
    });
    expect(replay.status).toBe(422);
    expect(await heldBy(h(), doc.id)).toMatchObject({ reserved: 0, releases: 1 });
  });

  // Last in this file: it adds a sales manager, whom the tests above do not expect.
  it('waits for the managers there are at each decision: one added, then that one disabled', async () => {
    await submitOrder(h(), h().clerk, 500, 100, {}, TYPE); // asks who the managers are before the change
    const manager3 = await h().user('manager.three', ['sales_manager']);
    const added = await submitOrder(h(), h().clerk, 500, 100, {}, TYPE);
    await decideAs(h().manager, added, 'approve');
    expect((await decideAs(h().manager2, added, 'approve')).body.state).toBe('pending_review');
    expect((await decideAs(manager3, added, 'approve')).body.state).toBe('approved');

    expect((await h().admin.call('POST', `/api/users/${manager3.user.id}/disable`)).status).toBe(200);
    const disabled = await submitOrder(h(), h().clerk, 500, 100, {}, TYPE);
    await decideAs(h().manager, disabled, 'approve');
    expect((await decideAs(h().manager2, disabled, 'approve')).body.state).toBe('approved');
  });
});
