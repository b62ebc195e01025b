// The in-app inbox: one `notifications` entry per recipient. A notification with
// a `key` is written at most once per recipient (id = key:user), so a job that
// runs again (retry, the next SLA scan) never notifies twice. E-mail and webhooks
// are another channel (the notifications queue); this is only the inbox.
import { DuplicateKeyError } from '../errors';
import type { LocalizedText } from '../definitions/index';
import type { OutboundTarget } from '../queue/index';
import { newId, type Store, type StoredDoc } from '../store/index';

export const NOTIFICATIONS_COLLECTION = 'notifications';

export interface NotificationSubject {
  type: string;
  id: string;
  number?: string;
}

export interface NotificationDoc extends StoredDoc {
  user: string;
  kind: string;
  title: LocalizedText;
  message: LocalizedText;
  subject: NotificationSubject | null;
  createdAt: Date;
  readAt: Date | null;
  /** Set by the insert, cleared once the other channels are done with it: the relay's outbox mark (relay.ts). */
  pendingDelivery?: true;
  /** E-mail delivery of this entry (workers/notifications). */
  email?: { status: 'sent' | 'skipped' | 'failed'; at: Date; reason?: string; messageId?: string };
}

export interface NotificationView {
  id: string;
  kind: string;
  title: LocalizedText;
  message: LocalizedText;
  subject: NotificationSubject | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotifyInput {
  users: string[];
  kind: string;
  title: LocalizedText;
  message: LocalizedText;
  subject?: NotificationSubject;
  /** Makes the notification idempotent per recipient. */
  key?: string;
  now: Date;
}

const notifications = (store: Store) => store.collection<NotificationDoc>(NOTIFICATIONS_COLLECTION);

/**
 * Writes one entry per distinct recipient and hands the new ones to the other
 * channels (`target.outbound.dispatch`, delivery.ts), unless there are none
 * (`inboxOnly`); returns how many were new.
 */
export async function notify(target: OutboundTarget, input: NotifyInput): Promise<number> {
  const { store } = target;
  const inboxOnly = target.outbound?.inboxOnly;
  const written: string[] = [];
  for (const user of new Set(input.users)) {
    const id = input.key ? `${input.key}:${user}` : newId();
    try {
      await notifications(store).insertOne({
        _id: id,
        user,
        kind: input.kind,
        title: input.title,
        message: input.message,
        subject: input.subject ?? null,
        createdAt: input.now,
        readAt: null,
        ...(inboxOnly ? { email: { status: 'skipped', at: input.now, reason: inboxOnly } } : { pendingDelivery: true }),
      });
      written.push(id);
    } catch (err) {
      // Already written by an earlier run of the same job: exactly what we want.
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
  if (!inboxOnly && target.outbound?.dispatch && written.length > 0) await target.outbound.dispatch(written);
  return written.length;
}

const toView = (n: NotificationDoc): NotificationView => ({
  id: n._id,
  kind: n.kind,
  title: n.title,
  message: n.message,
  subject: n.subject,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

export interface InboxQuery {
  limit: number;
  unread?: boolean;
  /** `createdAt` of the last item of the previous page (ISO). */
  before?: Date;
}

/** The caller's notifications, newest first. */
export async function listNotifications(
  store: Store,
  user: string,
  query: InboxQuery,
): Promise<{ items: NotificationView[]; unread: number }> {
  const filter: Record<string, unknown> = { user };
  if (query.unread) filter.readAt = null;
  if (query.before) filter.createdAt = { $lt: query.before };
  const items = await notifications(store).find(filter, { sort: { createdAt: -1, _id: -1 }, limit: query.limit });
  const unread = await notifications(store).count({ user, readAt: null });
  return { items: items.map(toView), unread };
}

/** Marks one of the caller's notifications read; false when it is not theirs. */
export async function markRead(store: Store, user: string, id: string, now: Date): Promise<boolean> {
  const found = await notifications(store).findOne({ _id: id, user });
  if (!found) return false;
  if (found.readAt === null)
    await notifications(store).updateOne({ _id: id, user, readAt: null }, { $set: { readAt: now } });
  return true;
}

/** Marks every unread notification of the caller read; returns how many changed. */
export async function markAllRead(store: Store, user: string, now: Date): Promise<number> {
  return notifications(store).updateMany({ user, readAt: null }, { $set: { readAt: now } });
}

export async function unreadCount(store: Store, user: string): Promise<number> {
  return notifications(store).count({ user, readAt: null });
}

export async function findNotification(store: Store, id: string): Promise<NotificationDoc | null> {
  return notifications(store).findById(id);
}

export async function recordEmail(
  store: Store,
  id: string,
  email: NonNullable<NotificationDoc['email']>,
): Promise<void> {
  await notifications(store).updateOne({ _id: id }, { $set: { email }, $unset: { pendingDelivery: '' } });
}

export async function ensureNotificationIndexes(store: Store): Promise<void> {
  await notifications(store).createIndex({ name: 'user_created', keys: { user: 1, createdAt: -1 } });
  await notifications(store).createIndex({ name: 'user_read', keys: { user: 1, readAt: 1 } });
  await notifications(store).createIndex({ name: 'pending_delivery', keys: { pendingDelivery: 1, createdAt: 1 } });
}
