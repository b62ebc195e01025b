// The approver's notice whose delivery job was never enqueued — the enqueue
// failed right after the inbox write (the `notifications.beforeDispatch` fault
// point) — is not lost: the inbox entry carries its delivery mark from the same
// insert, and the relay of the outbox queue enqueues its delivery later, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverJobId, NOTIFICATIONS_COLLECTION, relayUndeliveredNotices } from '../../engine/notifications/index';
import { backends, setUp, submitOrder, type Harness } from '../approvals/harness';
import { parseMail, startSmtp, type TestSmtp } from '../support/smtp';

const [embedded] = backends();

describe('a notice whose delivery could not be enqueued', () => {
  let smtp: TestSmtp;
  let h: Harness;
  beforeAll(async () => {
    smtp = await startSmtp();
    h = await setUp(embedded, { env: { SMTP_URL: smtp.url, MAIL_FROM: '进销存 Flow <flow@shop.example>' } });
  });
  afterAll(async () => {
    h?.t.app.engine.faults.clear();
    await h?.t.close();
    await smtp?.close();
  });

  it('is in the inbox at once and reaches the approver by e-mail through the relay, exactly once', async () => {
    const { engine } = h.t.app;
    expect(
      (await h.manager.call('PUT', '/api/notifications/preferences', { email: 'relay.manager@shop.example' })).status,
    ).toBe(200);
    engine.faults.set({
      'notifications.beforeDispatch': () => {
        throw new Error('Redis went away');
      },
    });
    const doc = await submitOrder(h, h.clerk, 300, 100);
    engine.faults.clear();

    const inbox = (await h.manager.call('GET', '/api/notifications')).body.items as Array<{
      id: string;
      subject: { id: string } | null;
    }>;
    const notice = inbox.find((n) => n.subject?.id === doc.id);
    expect(notice).toBeDefined();
    const id = notice?.id ?? '';
    expect(await engine.queue.getJob('notifications', deliverJobId(id))).toBeNull();

    // Not before the lease: a delivery just written may still be on its way.
    const relay = (now: Date) =>
      relayUndeliveredNotices({ store: engine.store, queue: engine.queue, now, leaseMs: 60_000 });
    expect(await relay(new Date())).toEqual({ relayed: 0 });
    const later = new Date(Date.now() + 61_000);
    expect((await relay(later)).relayed).toBeGreaterThanOrEqual(1);

    const mail = await smtp.waitFor(
      (m) => m.to.includes('relay.manager@shop.example') && parseMail(m.raw).subject.includes(doc.number),
    );
    expect(parseMail(mail.raw).subject).toBe(`${doc.number} 待您审批`);
    // The relay also enqueued the other notices the fault held back (the clerk's,
    // other approvers'): wait until every relayed delivery has run, not only ours.
    await expect
      .poll(async () => (await engine.queue.getJob('notifications', deliverJobId(id)))?.state)
      .toBe('completed');
    await expect.poll(() => engine.store.collection(NOTIFICATIONS_COLLECTION).count({ pendingDelivery: true })).toBe(0);
    // Delivered: the relay leaves them from now on, so none is sent twice.
    const again = await relay(new Date(Date.now() + 61_000));
    expect(again.relayed).toBe(0);
    const copies = smtp.received.filter(
      (m) => m.to.includes('relay.manager@shop.example') && parseMail(m.raw).subject.includes(doc.number),
    );
    expect(copies).toHaveLength(1);
  });
});
