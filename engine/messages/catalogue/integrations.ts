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
  'NOT_FOUND.webhook': { 'zh-CN': '没有这个 Webhook：{id}', en: 'No webhook {id}.' },
  'NOT_FOUND.webhook_delivery': {
    'zh-CN': 'Webhook {webhook} 没有推送记录 {delivery}',
    en: 'No delivery {delivery} of webhook {webhook}.',
  },
  'VALIDATION_FAILED.webhook_not_a_url': { 'zh-CN': '网址无效', en: 'Not a URL.' },
  'VALIDATION_FAILED.webhook_url_http_only': {
    'zh-CN': 'Webhook 网址只支持 http(s)，且不能含用户名或密码',
    en: 'Webhook URLs are http(s) without credentials.',
  },
} as const satisfies Record<string, Entry>;
