// The public surface of engine/auth: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { type AuthOptions } from './context';
export { clearFailures, userKey } from './lockout';
export { bootstrapAdmin } from './bootstrap-admin';
export { authPlugin, requireRole, type AuthUser } from './plugin';
export { authRoutes } from './routes';
