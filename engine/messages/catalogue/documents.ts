// Documents and definitions: data that breaks the definition's schema (one
// message per JSON Schema keyword), computed fields, row filters, data schemas.
import type { Entry } from './entry';

export const documents = {
  'VALIDATION_FAILED.required': { 'zh-CN': '缺少必填项', en: 'is required' },
  'VALIDATION_FAILED.unknown_property': { 'zh-CN': '不认识的属性 “{name}”', en: 'unknown property "{name}"' },
  'VALIDATION_FAILED.wrong_type': { 'zh-CN': '类型应为 {type}', en: 'must be of type {type}' },
  'VALIDATION_FAILED.not_one_of': { 'zh-CN': '必须是以下之一：{values}', en: 'must be one of: {values}' },
  'VALIDATION_FAILED.not_const': { 'zh-CN': '必须是 {value}', en: 'must be {value}' },
  'VALIDATION_FAILED.pattern': { 'zh-CN': '格式不正确（应匹配 {pattern}）', en: 'must match {pattern}' },
  'VALIDATION_FAILED.format': { 'zh-CN': '不是有效的 {format}', en: 'is not a valid {format}' },
  'VALIDATION_FAILED.min_items': { 'zh-CN': '至少需要 {limit} 项', en: 'needs at least {limit} item(s)' },
  'VALIDATION_FAILED.max_items': { 'zh-CN': '最多 {limit} 项', en: 'allows at most {limit} item(s)' },
  'VALIDATION_FAILED.empty_text': { 'zh-CN': '不能为空', en: 'must not be empty' },
  'VALIDATION_FAILED.min_length': { 'zh-CN': '至少 {limit} 个字符', en: 'needs at least {limit} characters' },
  'VALIDATION_FAILED.max_length': { 'zh-CN': '最多 {limit} 个字符', en: 'allows at most {limit} characters' },
  'VALIDATION_FAILED.empty_object': { 'zh-CN': '不能为空对象', en: 'must not be empty' },
  'VALIDATION_FAILED.min_properties': { 'zh-CN': '至少 {limit} 个属性', en: 'needs at least {limit} properties' },
  'VALIDATION_FAILED.one_operator': {
    'zh-CN': 'JSON-Logic 运算对象只能有一个运算符',
    en: 'a JSON-Logic operation has exactly one operator',
  },
  'VALIDATION_FAILED.max_properties': { 'zh-CN': '最多 {limit} 个属性', en: 'allows at most {limit} properties' },
  'VALIDATION_FAILED.duplicate_items': {
    'zh-CN': '第 {j} 项与第 {i} 项重复',
    en: 'items {j} and {i} are duplicates',
  },
  'VALIDATION_FAILED.comparison': { 'zh-CN': '必须 {comparison} {limit}', en: 'must be {comparison} {limit}' },
  'VALIDATION_FAILED.number_too_large': {
    'zh-CN': '绝对值必须小于 {limit}',
    en: 'must be less than {limit} in absolute value',
  },
  'VALIDATION_FAILED.too_many_decimals': {
    'zh-CN': '最多 {decimals} 位小数',
    en: 'allows at most {decimals} decimal places',
  },
  'VALIDATION_FAILED.out_of_range': { 'zh-CN': '超出范围', en: 'is out of range' },
  'VALIDATION_FAILED.schema_mismatch': { 'zh-CN': '不符合定义格式（{reason}）', en: '{reason}' },
  'VALIDATION_FAILED.uncomputable': {
    'zh-CN': '无法计算（数值溢出或无效）',
    en: 'cannot be computed (the value overflows or is not a number)',
  },
  'VALIDATION_FAILED.row_filter_untranslatable': {
    'zh-CN': '行过滤条件无法转换为查询：{reason}',
    en: 'the row filter cannot be turned into a query: {reason}',
  },
  'VALIDATION_FAILED.required_not_defined': {
    'zh-CN': '必填字段 “{name}” 没有在 properties 中定义',
    en: 'required field "{name}" is not defined in properties',
  },
  'VALIDATION_FAILED.schema_does_not_compile': {
    'zh-CN': '数据结构无法编译：{reason}',
    en: 'the data schema does not compile: {reason}',
  },
  'FORBIDDEN.read_only_field': { 'zh-CN': '无权填写字段：{fields}', en: 'You may not set: {fields}' },
  'RULE_FAILED.figure_hidden': { 'zh-CN': '（无权查看）', en: '(not shown)' },
} as const satisfies Record<string, Entry>;
