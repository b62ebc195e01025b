// Notifications job `deliver`: the e-mail copy of one inbox entry, in the
// recipient's language, unless they have no address or opted out of this kind.
// Idempotent: an entry whose e-mail was sent is not sent again on a retry.
import { type JobContext, UnrecoverableJobError } from '../../engine/queue/types';
import { findNotification, recordEmail, getPreferences, wantsEmail, type Mailer, type TemplateRenderer, type MailMessage } from '../../engine/notifications/index';
import type { Store } from '../../engine/store/types';
import { readReportFile, runs } from '../../engine/reports/index';
import { USERS_COLLECTION, type UserDoc } from '../../engine/users/types';

/** A scheduled report's notice carries its file. */
async function attachmentsOf(store: Store, subject: { type: string; id: string } | null): Promise<MailMessage['attachments']> {
  if (subject?.type !== 'report_run') return undefined;
  const run = await runs(store).findById(subject.id);
  const content = run?.file ? await readReportFile(store, subject.id) : null;
  return run?.file && content ? [{ filename: run.file.name, content, contentType: run.file.contentType }] : undefined;
}

export interface DeliverDeps {
  store: Store;
  mailer: Mailer | null;
  render: TemplateRenderer;
  now: () => number;
}

export type DeliverResult = { email: 'sent' | 'skipped' | 'already-sent'; reason?: string };

export function deliverJob(deps: DeliverDeps): (job: JobContext) => Promise<DeliverResult> {
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
    if (!deps.mailer) return skip('SMTP_URL is not set');
    const prefs = await getPreferences(deps.store, entry.user);
    if (!wantsEmail(prefs, entry.kind) || prefs.email === null) return skip(prefs.email ? 'opted out' : 'no e-mail address');
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
      attachments: await attachmentsOf(deps.store, entry.subject),
    });
    await recordEmail(deps.store, id, { status: 'sent', at: new Date(deps.now()), messageId: sent.messageId });
    return { email: 'sent' };
  };
}
