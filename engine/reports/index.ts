// The reports capability's public surface: report kinds as data (built-ins and
// saved), runs, schedules, the renderers and the app plugin.
export { BUILTIN_REPORTS } from './builtins';
export { createReportCatalog, mayRun } from './catalog';
export type { ReportCatalog } from './catalog';
export { executeRun, failRun, checkParams, ReportRunError } from './execute';
export { reportsPlugin } from './plugin';
export { reportJobs } from './jobs';
export {
  runs,
  readFile as readReportFile,
  reportFileAttachment,
  purgeExpired,
  toRunView,
  REPORT_RUNS,
  REPORT_FILES,
} from './runs';
export type { RunDoc, RunView } from './runs';
export { createSchedule, deleteSchedule, schedules } from './schedules';
export { createRun, startRun, runFor, RUN_JOB, SCHEDULED_JOB, PURGE_JOB, RUN_ATTEMPTS } from './service';
export type { ReportsDeps } from './service';
export { routesOptions as reportsDeps } from './wiring';
export { bilingual, defineReport, reportColumn, REPORT_FORMATS } from './types';
export { masterNames, objectSchema, paramSchemas, productsInCategory, type CommonParams } from './params';
export { label, money, qty, ratio, SOLD_STATES, PURCHASED_STATES } from './params';
export type {
  ReportKind,
  ReportResult,
  ReportRow,
  ReportColumn,
  ChartHint,
  Drill,
  ReportFormat,
  ReportRunContext,
  Cell,
} from './types';
