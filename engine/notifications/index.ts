// The public surface of engine/notifications: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { ensureNotificationIndexes, notify } from './service';
export { notificationRoutes } from './routes';
