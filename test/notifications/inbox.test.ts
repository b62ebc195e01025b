// The in-app inbox: an approver hears of an order waiting for them right after
// submit (no SLA scan waited for), the requester hears of the decision, and the
// inbox counts unread entries, marks one or all read.
import { expect, it } from 'vitest';
import {
  deliverJobId,
  NO_MAIL_SERVER,
  NOTIFICATIONS_COLLECTION,
  type NotificationDoc,
} from '../../engine/notifications/index';
import { decideAs, describeApprovals, submitOrder } from '../approvals/harness';

describeApprovals('notifications inbox', (h, backend) => {
  it("puts the notice in both managers' inboxes right after submit", async () => {
    const doc = await submitOrder(h(), h().clerk, 200, 100);
    expect(doc.state).toBe('pending_review');
    for (const manager of [h().manager, h().manager2]) {
      const inbox = (await manager.call('GET', '/api/notifications?unread=true')).body;
      const notice = inbox.items.find((n: any) => n.subject?.id === doc.id);
      expect(notice).toMatchObject({
        kind: 'approval.waiting',
        subject: { type: 'sales_order', number: doc.number },
        readAt: null,
      });
      expect(notice.title['zh-CN']).toContain('待您审批');
    }
    const clerkInbox = (await h().clerk.call('GET', '/api/notifications')).body.items;
    expect(clerkInbox.some((n: any) => n.subject?.id === doc.id)).toBe(false);
  });

  it('tells the requester when the order is approved', async () => {
    const doc = await submitOrder(h(), h().clerk, 150, 100);
    expect((await decideAs(h().manager, doc, 'approve', { comment: '同意' })).status).toBe(200);
    const inbox = (await h().clerk.call('GET', '/api/notifications')).body.items;
    expect(inbox.find((n: any) => n.subject?.id === doc.id)).toMatchObject({ kind: 'approval.approved' });
  });

  it('counts unread entries and marks them all read', async () => {
    await submitOrder(h(), h().clerk, 120, 100);
    const before = (await h().manager.call('GET', '/api/notifications/unread-count')).body.unread;
    expect(before).toBeGreaterThanOrEqual(2);
    const marked = await h().manager.call('POST', '/api/notifications/read-all');
    expect(marked).toMatchObject({ status: 200, body: { marked: before } });
    expect((await h().manager.call('GET', '/api/notifications/unread-count')).body.unread).toBe(0);
    // Another user's inbox is untouched.
    expect((await h().manager2.call('GET', '/api/notifications/unread-count')).body.unread).toBeGreaterThanOrEqual(2);
  });

  it('refuses a malformed e-mail address with 422 naming the field, and keeps the old settings', async () => {
    expect((await h().manager.call('PUT', '/api/notifications/preferences', { email: 'm1@example.com' })).status).toBe(
      200,
    );
    const bad = await h().manager.call(
      'PUT',
      '/api/notifications/preferences',
      { email: 'not-an-address' },
      { 'accept-language': 'en' },
    );
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(JSON.stringify(bad.body.errors)).toContain('email');
    expect((await h().manager.call('GET', '/api/notifications/preferences')).body).toMatchObject({
      email: 'm1@example.com',
      language: 'zh-CN',
    });
  });

  it('records that no e-mail went when there is no mail server, leaving nothing pending', async () => {
    const doc = await submitOrder(h(), h().clerk, 130, 100);
    const { engine } = h().t.app;
    const entries = () =>
      engine.store.collection<NotificationDoc>(NOTIFICATIONS_COLLECTION).find({ 'subject.id': doc.id });
    await expect
      .poll(async () => (await entries()).map((n) => [n.email?.status, n.email?.reason, n.pendingDelivery ?? null]))
      .toEqual([
        ['skipped', NO_MAIL_SERVER, null],
        ['skipped', NO_MAIL_SERVER, null],
      ]);
    const jobs = await Promise.all(
      (await entries()).map(async (n) => (await engine.queue.getJob('notifications', deliverJobId(n._id)))?.state),
    );
    // Every job of the embedded store runs in this engine, so none was queued to find that out;
    // on a shared store another process with a mail server might have sent it.
    expect(jobs).toEqual(backend.name === 'embedded' ? [undefined, undefined] : ['completed', 'completed']);
  });
});
