// The engine's one message catalogue: user-facing details of errors, refusals
// and guard fallbacks in zh-CN and en, keyed by the error code documented in
// docs/errors.md (`CODE`, or `CODE.reason` for one case of it). The problem
// handler (engine/http/problem.ts) renders an AppError that carries a key in the
// caller's language: Accept-Language, then the user's saved preference.
import type { ErrorCode } from '../errors';

export type MessageLocale = 'zh-CN' | 'en';
export type MessageParams = Record<string, string | number>;

interface Entry {
  'zh-CN': string;
  en: string;
}

const catalogue = {
  BAD_REQUEST: { 'zh-CN': '请求无效', en: 'The request is invalid.' },
  INVALID_QUERY: { 'zh-CN': '查询参数无效', en: 'A query parameter is invalid.' },
  'INVALID_QUERY.ledger_needs_product': { 'zh-CN': '查询台账需要指定商品', en: 'The ledger needs ?product=' },
  UNAUTHORIZED: { 'zh-CN': '需要登录', en: 'Authentication required.' },
  FORBIDDEN: { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this.' },
  'FORBIDDEN.read_only_field': { 'zh-CN': '无权填写字段：{fields}', en: 'You may not set: {fields}' },
  NOT_FOUND: { 'zh-CN': '未找到', en: 'Not found.' },
  VERSION_CONFLICT: { 'zh-CN': '数据已被修改，请刷新后重试', en: 'The data changed meanwhile; reload and try again.' },
  'VERSION_CONFLICT.operation_in_progress': {
    'zh-CN': '库存操作 {key} 正在处理中，请稍后重试',
    en: 'Stock operation {key} is still in progress; retry shortly',
  },
  'VERSION_CONFLICT.transfer_in_progress': {
    'zh-CN': '调拨 {key} 正在处理中，请稍后重试',
    en: 'Transfer {key} is still in progress; retry shortly',
  },
  'VERSION_CONFLICT.stock_contended': {
    'zh-CN': '库存正被大量并发修改，请稍后重试',
    en: 'Stock is changing too fast; retry shortly',
  },
  DUPLICATE_KEY: { 'zh-CN': '该值已存在', en: 'This value already exists.' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'The request body is too large.' },
  VALIDATION_FAILED: { 'zh-CN': '数据校验未通过', en: 'Validation failed.' },
  'VALIDATION_FAILED.invalid_quantity': {
    'zh-CN': '数量无效（最多 {digits} 位小数）',
    en: 'Invalid quantity (at most {digits} decimals)',
  },
  'VALIDATION_FAILED.quantity_too_large': { 'zh-CN': '数量过大', en: 'Quantity too large' },
  'VALIDATION_FAILED.quantity_not_positive': { 'zh-CN': '数量必须大于 0', en: 'Quantity must be greater than 0' },
  'VALIDATION_FAILED.same_warehouse': {
    'zh-CN': '调出仓库与调入仓库不能相同',
    en: 'Source and destination warehouse must differ',
  },
  'VALIDATION_FAILED.not_a_delegate': {
    'zh-CN': '不是可以代您审批的用户',
    en: 'not someone who may decide your approvals as your delegate',
  },
  RULE_FAILED: { 'zh-CN': '业务规则不允许此操作', en: 'A business rule refused this.' },
  'RULE_FAILED.figure_hidden': { 'zh-CN': '（无权查看）', en: '(not shown)' },
  IDEMPOTENCY_MISMATCH: {
    'zh-CN': '幂等键已用于不同的请求',
    en: 'The Idempotency-Key was used for a different request.',
  },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later.' },
  STORE_LOCKED: { 'zh-CN': '数据目录正被另一个进程使用', en: 'The data directory is in use by another process.' },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'An internal error occurred.' },
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof catalogue;

/** Every key's error code (the part before the dot): the catalogue test checks each is documented. */
export const messageKeys = (): MessageKey[] => Object.keys(catalogue) as MessageKey[];
export const codeOfKey = (key: MessageKey): ErrorCode => key.split('.')[0] as ErrorCode;

export function renderMessage(key: MessageKey, locale: MessageLocale, params: MessageParams = {}): string {
  const entry: Entry = catalogue[key];
  return entry[locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Both languages, for the rare place that stores a text (LocalizedText). */
export function localized(key: MessageKey, params: MessageParams = {}): Entry {
  return { 'zh-CN': renderMessage(key, 'zh-CN', params), en: renderMessage(key, 'en', params) };
}
