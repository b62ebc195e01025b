// The public surface of engine/alerts: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { ensureAlertIndexes, raiseAlert, resolveAlert } from './service';
export { alertRoutes } from './routes';
