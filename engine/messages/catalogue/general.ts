// Messages of every capability: the generic detail of each error code, and the
// refusals that are not one capability's own.
import type { Entry } from './entry';

export const general = {
  BAD_REQUEST: { 'zh-CN': '请求无效', en: 'The request is invalid.' },
  'BAD_REQUEST.nested_too_deep': { 'zh-CN': '嵌套超过 {limit} 层', en: 'nested more than {limit} levels' },
  INVALID_QUERY: { 'zh-CN': '查询参数无效', en: 'A query parameter is invalid.' },
  UNAUTHORIZED: { 'zh-CN': '需要登录', en: 'Authentication required.' },
  FORBIDDEN: { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this.' },
  NOT_FOUND: { 'zh-CN': '未找到', en: 'Not found.' },
  VERSION_CONFLICT: { 'zh-CN': '数据已被修改，请刷新后重试', en: 'The data changed meanwhile; reload and try again.' },
  DUPLICATE_KEY: { 'zh-CN': '该值已存在', en: 'This value already exists.' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'The request body is too large.' },
  VALIDATION_FAILED: { 'zh-CN': '数据校验未通过', en: 'Validation failed.' },
  RULE_FAILED: { 'zh-CN': '业务规则不允许此操作', en: 'A business rule refused this.' },
  IDEMPOTENCY_MISMATCH: {
    'zh-CN': '幂等键已用于不同的请求',
    en: 'The Idempotency-Key was used for a different request.',
  },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later.' },
  STORE_LOCKED: { 'zh-CN': '数据目录正被另一个进程使用', en: 'The data directory is in use by another process.' },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'An internal error occurred.' },
} as const satisfies Record<string, Entry>;

/**
 * The problem `title` per code. RFC 9457 §3.1.4: the title does not change from
 * occurrence to occurrence "except for localization", so it follows the caller's
 * language like the detail; clients branch on `code`, never on the title.
 */
export const titles = {
  BAD_REQUEST: { 'zh-CN': '请求无效', en: 'Bad request' },
  INVALID_QUERY: { 'zh-CN': '查询参数无效', en: 'Invalid query parameter' },
  UNAUTHORIZED: { 'zh-CN': '需要登录', en: 'Authentication required' },
  FORBIDDEN: { 'zh-CN': '无权操作', en: 'Not allowed' },
  NOT_FOUND: { 'zh-CN': '未找到', en: 'Not found' },
  VERSION_CONFLICT: { 'zh-CN': '版本冲突', en: 'Version conflict' },
  DUPLICATE_KEY: { 'zh-CN': '值重复', en: 'Duplicate value' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'Request body too large' },
  VALIDATION_FAILED: { 'zh-CN': '数据校验未通过', en: 'Validation failed' },
  RULE_FAILED: { 'zh-CN': '业务规则不允许', en: 'Business rule failed' },
  IDEMPOTENCY_MISMATCH: { 'zh-CN': '幂等键与请求不符', en: 'Idempotency key reused with a different body' },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁', en: 'Too many requests' },
  STORE_LOCKED: { 'zh-CN': '数据目录被占用', en: 'Data directory in use' },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal error' },
} as const satisfies Record<string, Entry>;
