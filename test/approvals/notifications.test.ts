// GET /api/notifications: the caller's in-app inbox, filled by the approval engine.
import { expect, it } from 'vitest';
import { decideAs, describeApprovals, submitOrder } from './harness';

describeApprovals('notifications inbox', (h) => {
  it('tells the requester their order was rejected, and marks it read', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100);
    await decideAs(h().manager, doc, 'reject', { comment: '价格太低' });
    const inbox = (await h().clerk.call('GET', '/api/notifications?unread=true')).body;
    const notice = inbox.items.find((n: any) => n.subject?.id === doc.id);
    expect(notice).toMatchObject({
      kind: 'approval.rejected',
      subject: { type: 'sales_order', number: doc.number },
      readAt: null,
    });
    expect(notice.message.en).toContain('价格太低');
    expect(inbox.unread).toBeGreaterThanOrEqual(1);

    expect((await h().manager.call('POST', `/api/notifications/${encodeURIComponent(notice.id)}/read`)).status).toBe(
      404,
    );
    expect((await h().clerk.call('POST', `/api/notifications/${encodeURIComponent(notice.id)}/read`)).status).toBe(204);
    const after = (await h().clerk.call('GET', '/api/notifications')).body;
    expect(after.unread).toBe(inbox.unread - 1);
    expect(after.items.find((n: any) => n.id === notice.id).readAt).not.toBeNull();
  });

  it('shows each user only their own notifications', async () => {
    const mine = (await h().finance.call('GET', '/api/notifications')).body.items;
    expect(mine.every((n: any) => n.kind !== 'approval.rejected')).toBe(true);
  });
});
