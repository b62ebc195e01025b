// E-mail notifications over real SMTP (an smtp-server started in-process): the
// approver's copy of "waiting for your approval" is rendered from the zh-CN or
// en template by the recipient's language, and an opt-out sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, setUp, submitOrder, type Harness } from '../approvals/harness';
import { NOTIFICATIONS_COLLECTION, type NotificationDoc } from '../../engine/notifications/index';
import { parseMail, startSmtp, type TestSmtp } from '../support/smtp';

for (const backend of backends()) {
  describe(`e-mail notifications [${backend.name}]`, () => {
    let smtp: TestSmtp;
    let h: Harness;
    beforeAll(async () => {
      smtp = await startSmtp();
      h = await setUp(backend, { env: { SMTP_URL: smtp.url, MAIL_FROM: '进销存 Flow <flow@shop.example>' } });
    });
    afterAll(async () => {
      await h?.t.close();
      await smtp?.close();
    });

    it('e-mails the approver the zh-CN template right after submit', async () => {
      expect(
        (await h.manager.call('PUT', '/api/notifications/preferences', { email: 'manager1@shop.example' })).status,
      ).toBe(200);
      const doc = await submitOrder(h, h.clerk, 200, 100);
      const mail = await smtp.waitFor(
        (m) => m.to.includes('manager1@shop.example') && parseMail(m.raw).subject.includes(doc.number),
      );
      const parsed = parseMail(mail.raw);
      expect(parsed.subject).toBe(`${doc.number} 待您审批`);
      expect(parsed.text).toContain('manager.one，您好');
      expect(parsed.text).toContain(`单据 ${doc.number} 正在等待您的审批`);
      expect(mail.from).toBe('flow@shop.example');
    });

    it('writes in English for a recipient who chose en, and not at all after an opt-out', async () => {
      await h.manager2.call('PUT', '/api/notifications/preferences', {
        email: 'manager2@shop.example',
        language: 'en',
      });
      const first = await submitOrder(h, h.clerk, 201, 100);
      const mail = await smtp.waitFor(
        (m) => m.to.includes('manager2@shop.example') && parseMail(m.raw).subject.includes(first.number),
      );
      const parsed = parseMail(mail.raw);
      expect(parsed.subject).toBe(`${first.number} awaits your approval`);
      expect(parsed.text).toContain(`${first.number} is waiting for your approval`);

      await h.manager2.call('PUT', '/api/notifications/preferences', { emailOptOut: ['approval.waiting'] });
      const second = await submitOrder(h, h.clerk, 202, 100);
      // manager1 is still subscribed: their copy of the second order arrives.
      await smtp.waitFor(
        (m) => m.to.includes('manager1@shop.example') && parseMail(m.raw).subject.includes(second.number),
      );
      const inbox = (await h.manager2.call('GET', '/api/notifications')).body.items;
      expect(inbox.some((n: any) => n.subject?.id === second.id)).toBe(true);
      // manager2's copy is its own delivery job, which may run after manager1's: wait
      // until that job has decided, so the check below looks after it, not before.
      const decided = async () =>
        (
          await h.t.store
            .collection<NotificationDoc>(NOTIFICATIONS_COLLECTION)
            .findOne({ user: h.manager2.user.id, 'subject.id': second.id })
        )?.email;
      await expect.poll(decided).toMatchObject({ status: 'skipped', reason: 'opted out' });
      expect(
        smtp.received.some(
          (m) => m.to.includes('manager2@shop.example') && parseMail(m.raw).subject.includes(second.number),
        ),
      ).toBe(false);
    });
  });
}
