// Documents and definitions: data that breaks the definition's schema (one
// message per JSON Schema keyword), computed fields, row filters, data schemas;
// reading, listing, changing and printing documents.
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
  'NOT_FOUND.document': { 'zh-CN': '{type} 单据 {id} 不存在。', en: 'No {type} document with id {id}.' },
  'NOT_FOUND.document_event': {
    'zh-CN': '{type} {number} 没有第 {seq} 个事件。',
    en: '{type} {number} has no event {seq}.',
  },
  'NOT_FOUND.document_event_after_latest': {
    'zh-CN': '{type} {number} 没有第 {seq} 个事件（最新为第 {latest} 个）。',
    en: '{type} {number} has no event {seq} (its latest is {latest}).',
  },
  'NOT_FOUND.transition': {
    'zh-CN': '{type}（定义版本 {version}）没有操作 “{transition}”。',
    en: '{type} (definition version {version}) has no transition "{transition}".',
  },
  'NOT_FOUND.print_template': {
    'zh-CN': '{type} 没有打印模板 “{template}”（可用：{names}）。',
    en: '{type} has no print template "{template}" (available: {names}).',
  },
  'VERSION_CONFLICT.document_changed': {
    'zh-CN': '单据 {type}/{id} 已被他人修改（您提交的版本为 {expected}），请刷新后重试。',
    en: 'Document {type}/{id} was changed by someone else (you sent version {expected}); reload and try again.',
  },
  'VERSION_CONFLICT.document_changed_to': {
    'zh-CN': '单据 {type}/{id} 已被他人修改（您提交的版本为 {expected}，当前为 {actual}），请刷新后重试。',
    en: 'Document {type}/{id} was changed by someone else (you sent version {expected}, it is now {actual}); reload and try again.',
  },
  'VERSION_CONFLICT.document_in_progress': {
    'zh-CN': '单据 {type}/{id} 正被另一个请求修改，请刷新后重试。',
    en: 'Document {type}/{id} is being changed by another request; reload and try again.',
  },
  'VERSION_CONFLICT.change_taken_over': {
    'zh-CN': '{type}/{id} 的修改耗时过长，已被撤销，请刷新后重试。',
    en: 'The change of {type}/{id} took too long and was undone; reload and try again.',
  },
  'VERSION_CONFLICT.idempotency_in_progress': {
    'zh-CN': '使用此幂等键的请求仍在处理中，请稍后重试。',
    en: 'A request with this Idempotency-Key is still being processed; retry shortly.',
  },
  'IDEMPOTENCY_MISMATCH.body_differs': {
    'zh-CN': '此幂等键已用于内容不同的请求。',
    en: 'This Idempotency-Key was already used with a different request body.',
  },
  'RULE_FAILED.state_not_editable': {
    'zh-CN': '处于状态 “{state}” 的 {type} 不能编辑。',
    en: 'A {type} in state "{state}" cannot be edited.',
  },
  'RULE_FAILED.transition_not_from_state': {
    'zh-CN': '处于状态 “{state}” 的 {type} 不能执行 “{transition}”（允许的状态：{from}）。',
    en: 'Cannot run "{transition}" on a {type} in state "{state}" (allowed from: {from}).',
  },
  'RULE_FAILED.guard_failed': {
    'zh-CN': '不满足 “{transition}” 的前提条件。',
    en: 'The "{transition}" guard failed.',
  },
  'VALIDATION_FAILED.data_invalid': {
    'zh-CN': '{type} 数据无效：{problems}',
    en: 'The {type} data is invalid: {problems}',
  },
  'VALIDATION_FAILED.transition_needs': {
    'zh-CN': '执行 “{transition}” 需要填写：{fields}。',
    en: 'The "{transition}" transition needs: {fields}.',
  },
  'VALIDATION_FAILED.row_filter_of_role': {
    'zh-CN': '角色 {role} 的行过滤条件无法用于查询：{reason}',
    en: 'Row filter of role {role} cannot be used in queries: {reason}',
  },
  'VALIDATION_FAILED.computed_field_path': {
    'zh-CN': '计算字段必须是 “total” 或 “lines[].amount” 这样的数据路径，而不是 “{field}”',
    en: 'Computed field must be a data path like "total" or "lines[].amount", got "{field}"',
  },
  'FORBIDDEN.may_not_set_field': { 'zh-CN': '无权修改此字段', en: 'you may not set this field' },
  'FORBIDDEN.transition_own_only': {
    'zh-CN': '只能对自己创建的 {type} 执行 “{transition}”。',
    en: 'You may run "{transition}" only on {type} documents you created.',
  },
  'FORBIDDEN.may_not_read': {
    'zh-CN': '无权查看 {type} 单据（您的角色：{roles}）。',
    en: 'You may not read {type} documents (roles: {roles}).',
  },
  'FORBIDDEN.may_not_create': {
    'zh-CN': '无权新建 {type} 单据（您的角色：{roles}）。',
    en: 'You may not create {type} documents (roles: {roles}).',
  },
  'FORBIDDEN.may_not_update': { 'zh-CN': '无权修改此 {type} 单据。', en: 'You may not change this {type} document.' },
  'FORBIDDEN.may_not_update_not_own': {
    'zh-CN': '无权修改此 {type} 单据（只能修改自己创建的）。',
    en: 'You may not change this {type} document (only documents you created).',
  },
  'FORBIDDEN.transition_roles': {
    'zh-CN': '{type} 的 “{transition}” 操作需要以下角色之一：{needed}；您的角色：{held}。',
    en: 'The "{transition}" transition of {type} needs one of the roles {needed}; you have {held}.',
  },
  'DUPLICATE_KEY.unique_index': {
    'zh-CN': '已有另一个 {type} 使用此值（唯一索引 {index}）。',
    en: 'Another {type} already has this value (unique index {index}).',
  },
  'DUPLICATE_KEY.unique_index_value': {
    'zh-CN': '唯一索引 {index} 的值重复',
    en: 'duplicate value for unique index {index}',
  },
  'DUPLICATE_KEY.value_used_by': {
    'zh-CN': '{title} {value} 已被 {label} 使用',
    en: '{title} {value} is already used by {label}',
  },
  'DUPLICATE_KEY.value_used': { 'zh-CN': '{title} {value} 已被使用', en: '{title} {value} is already used' },
  'INVALID_QUERY.parameter': {
    'zh-CN': '查询参数 “{param}” {reason}。',
    en: 'Query parameter "{param}" {reason}.',
  },
  'INVALID_QUERY.not_a_number': { 'zh-CN': '必须是数字', en: 'must be a number' },
  'INVALID_QUERY.not_an_integer': { 'zh-CN': '必须是整数', en: 'must be an integer' },
  'INVALID_QUERY.not_a_boolean': { 'zh-CN': '必须是 true 或 false', en: 'must be true or false' },
  'INVALID_QUERY.not_a_date_or_time': { 'zh-CN': '必须是日期或日期时间', en: 'must be a date or date-time' },
  'INVALID_QUERY.not_a_plain_date': { 'zh-CN': '必须是日期（YYYY-MM-DD）', en: 'must be a date (YYYY-MM-DD)' },
  'INVALID_QUERY.cannot_sort': {
    'zh-CN': '不能按 “{param}” 排序；可排序字段：{fields}（前缀 - 表示降序）。',
    en: 'Cannot sort by "{param}"; use one of: {fields} (prefix - for descending).',
  },
  'INVALID_QUERY.not_sortable': { 'zh-CN': '不是可排序字段', en: 'is not a sortable field' },
  'INVALID_QUERY.cannot_filter': {
    'zh-CN': '不能按 “{param}” 筛选；可筛选字段：{fields}。',
    en: 'Cannot filter by "{param}"; filterable fields: {fields}.',
  },
  'INVALID_QUERY.not_filterable': { 'zh-CN': '不是可筛选字段', en: 'is not a filterable field' },
  'INVALID_QUERY.no_search_fields': {
    'zh-CN': '{type} 没有设置搜索字段（searchFields），不支持 q 参数。',
    en: '{type} has no searchFields, so q is not supported.',
  },
  'INVALID_QUERY.not_searchable': { 'zh-CN': '此列表不支持搜索', en: 'this list cannot be searched' },
  'INVALID_QUERY.cursor_invalid': {
    'zh-CN': '游标对此列表无效，请不带游标重新开始。',
    en: 'The cursor is not valid for this list; start again without one.',
  },
  'INVALID_QUERY.not_a_cursor': { 'zh-CN': '不是此列表生成的游标', en: 'is not a cursor this list produced' },
} as const satisfies Record<string, Entry>;
