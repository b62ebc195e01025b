// Reports: running one (who may, with which parameters), its runs and files,
// saved (custom) reports and schedules.
import type { Entry } from './entry';

export const reports = {
  'NOT_FOUND.report': { 'zh-CN': '没有报表 “{key}”。', en: 'No report "{key}".' },
  'FORBIDDEN.report_roles': { 'zh-CN': '报表 {key} 仅供以下角色使用：{roles}。', en: 'Report {key} is for: {roles}.' },
  'VALIDATION_FAILED.report_params_invalid': {
    'zh-CN': '报表 {key} 的参数无效。',
    en: 'Invalid parameters for report {key}.',
  },
  'NOT_FOUND.report_run': { 'zh-CN': '没有报表运行记录 {id}。', en: 'No report run {id}.' },
  'NOT_FOUND.report_run_file': {
    'zh-CN': '报表运行记录 {id} 没有文件（状态 {status}，格式 {format}）。',
    en: 'Report run {id} has no file (status {status}, format {format}).',
  },
  'DUPLICATE_KEY.builtin_report': { 'zh-CN': '{key} 是内置报表。', en: '{key} is a built-in report.' },
  'DUPLICATE_KEY.key_taken': { 'zh-CN': '已被占用', en: 'is taken' },
  'VALIDATION_FAILED.measure_without_field': {
    'zh-CN': '{op} 度量需要指定字段。',
    en: 'A {op} measure needs a field.',
  },
  'NOT_FOUND.saved_report': { 'zh-CN': '没有自定义报表 {key}。', en: 'No saved report {key}.' },
  'VALIDATION_FAILED.schedule_without_recipients': {
    'zh-CN': '定时报表需要接收人。',
    en: 'A schedule needs recipients.',
  },
  'VALIDATION_FAILED.schedule_cron_invalid': { 'zh-CN': 'cron 表达式无效：{reason}', en: '{reason}' },
  'NOT_FOUND.report_schedule': { 'zh-CN': '没有定时报表 {id}。', en: 'No report schedule {id}.' },
} as const satisfies Record<string, Entry>;
