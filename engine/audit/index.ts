// The public surface of engine/audit: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { recordAudit, type AuditActor } from './service';
export { auditRoutes } from './routes';
