// Webhooks and report schedules: settings an administrator enters.
import type { Entry } from './entry';

export const integrations = {
  'VALIDATION_FAILED.not_a_url': { 'zh-CN': '不是有效的网址', en: 'not a valid URL' },
  'VALIDATION_FAILED.url_http_only': {
    'zh-CN': '只支持 http(s)，不含用户名密码',
    en: 'http(s) only, no credentials',
  },
  'VALIDATION_FAILED.measure_needs_field': { 'zh-CN': '{op} 需要字段', en: '{op} needs a field' },
  'VALIDATION_FAILED.recipients_required': { 'zh-CN': '至少一个接收人', en: 'at least one recipient' },
  'VALIDATION_FAILED.invalid_cron': { 'zh-CN': 'cron 表达式无效', en: 'not a valid cron pattern' },
} as const satisfies Record<string, Entry>;
