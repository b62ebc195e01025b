// Messages of every capability: the generic detail of each error code, and the
// refusals that are not one capability's own.
import type { Entry } from './entry';

export const general = {
  BAD_REQUEST: { 'zh-CN': '请求无效', en: 'The request is invalid.' },
  'BAD_REQUEST.nested_too_deep': { 'zh-CN': '嵌套超过 {limit} 层', en: 'nested more than {limit} levels' },
  'BAD_REQUEST.body_invalid': { 'zh-CN': '请求内容无效：{problems}', en: 'Request body is invalid: {problems}' },
  'BAD_REQUEST.headers_invalid': { 'zh-CN': '请求头无效：{problems}', en: 'Request headers are invalid: {problems}' },
  'INVALID_QUERY.querystring_invalid': {
    'zh-CN': '查询参数无效：{problems}',
    en: 'Request querystring is invalid: {problems}',
  },
  'INVALID_QUERY.params_invalid': { 'zh-CN': '地址参数无效：{problems}', en: 'Request params are invalid: {problems}' },
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
  'UNAUTHORIZED.required': { 'zh-CN': '请先登录', en: 'Authentication required.' },
  'BAD_REQUEST.json_too_deep': {
    'zh-CN': '请求内容嵌套超过 {limit} 层',
    en: 'The JSON body is nested more than {limit} levels deep.',
  },
  'NOT_FOUND.no_route': { 'zh-CN': '没有这个地址：{method} {path}', en: 'No route for {method} {path}.' },
  'INVALID_QUERY.parameter_name_not_allowed': {
    'zh-CN': '不允许查询参数「{key}」：参数名只能是普通单词（不含 $、方括号或点）',
    en: 'Query parameter "{key}" is not allowed: names are plain words (no $, brackets or dots).',
  },
  'INVALID_QUERY.not_an_allowed_name': { 'zh-CN': '不是允许的参数名', en: 'is not an allowed parameter name' },
  'INVALID_QUERY.parameter_not_plain': {
    'zh-CN': '查询参数「{key}」只能是单个普通值',
    en: 'Query parameter "{key}" must be a single plain value.',
  },
  'INVALID_QUERY.not_scalar': { 'zh-CN': '只能是单个值', en: 'must be a single scalar value' },
  'NOT_FOUND.notification': { 'zh-CN': '没有这条通知：{id}', en: 'You have no notification {id}.' },
  'NOT_FOUND.dead_job': { 'zh-CN': '{queue} 队列中没有失败任务 {id}', en: 'No dead job {id} on the {queue} queue.' },
  'PAYLOAD_TOO_LARGE.body_too_large': {
    'zh-CN': '请求内容超过服务器允许的大小',
    en: 'The request body is larger than the server accepts.',
  },
  'BAD_REQUEST.not_json': { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON.' },
  'BAD_REQUEST.unsupported_media_type': {
    'zh-CN': '不支持的内容类型，请发送 application/json',
    en: 'Unsupported content type; send application/json.',
  },
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
