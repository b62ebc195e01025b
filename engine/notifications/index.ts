// The notifications capability's public surface: the in-app inbox, per-user
// preferences, the e-mail channel and how new entries reach it.
export {
  notify,
  listNotifications,
  markRead,
  markAllRead,
  unreadCount,
  findNotification,
  recordEmail,
  ensureNotificationIndexes,
  NOTIFICATIONS_COLLECTION,
} from './service';
export type { NotifyInput, NotificationDoc, NotificationView, NotificationSubject } from './service';
export { getPreferences, setPreferences, wantsEmail, DEFAULT_PREFERENCES } from './preferences';
export type { Preferences } from './preferences';
export { createMailer } from './mailer';
export type { Mailer, MailMessage } from './mailer';
export { createTemplateRenderer } from './templates';
export type { TemplateRenderer, MailView } from './templates';
export { createDispatcher, deliverJobId, DELIVER_JOB, NO_MAIL_SERVER } from './delivery';
export { relayUndeliveredNotices, NOTICE_RELAY_JOB } from './relay';
export { deliverJob } from './deliver-job';
export type { AttachmentResolver, DeliverDeps } from './deliver-job';
export { notificationRoutes } from './routes';
