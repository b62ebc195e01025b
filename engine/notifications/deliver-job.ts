// Notifications job `deliver`: the e-mail copy of one inbox entry, in the
// recipient's language, unless they have no address or opted out of this kind.
// Idempotent: an entry whose e-mail was sent is not sent again on a retry.
import { isUnrecoverable, type JobContext, UnrecoverableJobError } from '../queue/index';
import { DELIVER_ATTEMPTS, NO_MAIL_SERVER } from './delivery';
import type { Store } from '../store/index';
import { USERS_COLLECTION, type UserDoc } from '../users/index';
import type { MailMessage, Mailer } from './mailer';
import { getPreferences, wantsEmail } from './preferences';
import { findNotification, recordEmail, type NotificationSubject } from './service';
import type { TemplateRenderer } from './templates';

/** Files a notice carries (e.g. a scheduled report's), by its subject; registered by the capability that owns them. */
export type AttachmentResolver = (store: Store, subject: NotificationSubject) => Promise<MailMessage['attachments']>;

export interface DeliverDeps {
  store: Store;
  mailer: Mailer | null;
  render: TemplateRenderer;
  now: () => number;
  attachments?: Record<string, AttachmentResolver>;
}

export type DeliverResult = { email: 'sent' | 'skipped' | 'already-sent'; reason?: string };

export function deliverJob(deps: DeliverDeps): (job: JobContext) => Promise<DeliverResult> {
  const attempt = deliverOnce(deps);
  return async (job) => {
    try {
      return await attempt(job);
    } catch (err) {
      // The last try: the entry is done with (its job is in the dead-letter list), so the relay leaves it.
      if (job.attempt >= DELIVER_ATTEMPTS || isUnrecoverable(err)) {
        const { id } = job.data as { id?: unknown };
        if (typeof id === 'string') {
          const reason = err instanceof Error ? err.message : String(err);
          await recordEmail(deps.store, id, { status: 'failed', at: new Date(deps.now()), reason });
        }
      }
      throw err;
    }
  };
}

function deliverOnce(deps: DeliverDeps): (job: JobContext) => Promise<DeliverResult> {
  return async (job) => {
    const { id } = job.data as { id?: unknown };
    if (typeof id !== 'string') throw new UnrecoverableJobError('deliver: data.id must be a notification id');
    const entry = await findNotification(deps.store, id);
    if (!entry) return { email: 'skipped', reason: 'no such notification' };
    if (entry.email?.status === 'sent') return { email: 'already-sent' };
    const skip = async (reason: string): Promise<DeliverResult> => {
      await recordEmail(deps.store, id, { status: 'skipped', at: new Date(deps.now()), reason });
      return { email: 'skipped', reason };
    };
    if (!deps.mailer) return skip(NO_MAIL_SERVER);
    const prefs = await getPreferences(deps.store, entry.user);
    if (!wantsEmail(prefs, entry.kind) || prefs.email === null)
      return skip(prefs.email ? 'opted out' : 'no e-mail address');
    const user = await deps.store.collection<UserDoc>(USERS_COLLECTION).findById(entry.user);
    if (!user || user.disabled) return skip('user missing or disabled');
    const lang = prefs.language;
    const text = deps.render(entry.kind, lang, {
      kind: entry.kind,
      username: user.username,
      title: entry.title[lang],
      message: entry.message[lang],
      subject: entry.subject,
    });
    const domain = /@([^>\s]+)/.exec(prefs.email)?.[1] ?? 'localhost';
    const sent = await deps.mailer.send({
      to: prefs.email,
      subject: entry.title[lang],
      text,
      messageId: `<${job.id}@${domain}>`,
      attachments: entry.subject
        ? await deps.attachments?.[entry.subject.type]?.(deps.store, entry.subject)
        : undefined,
    });
    await recordEmail(deps.store, id, { status: 'sent', at: new Date(deps.now()), messageId: sent.messageId });
    return { email: 'sent' };
  };
}
