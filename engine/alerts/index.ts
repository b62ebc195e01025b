// The alerts capability's public surface.
export { raiseAlert, resolveAlert, listAlerts, ensureAlertIndexes, ALERTS, ALERT_ROLES } from './service';
export type { AlertDoc, AlertView, AlertSubject, RaiseInput, AlertQuery } from './service';
export { ALERT_KINDS, batchExpiring, deliveryOverdue, DEFAULT_EXPIRY_WARNING_DAYS } from './kinds';
export { alertJobs } from './jobs';
export type { AlertKind, AlertScanReport } from './kinds';
export { createStockWatch, STOCK_CHECK_JOB } from './stock-watch';
export type { MovedPair } from './stock-watch';
export { alertRoutes } from './routes';
