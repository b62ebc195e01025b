// Definitions, the designer's drafts, rules and print templates: what a designer
// or an administrator publishing a definition reads.
import type { Entry } from './entry';

export const definitions = {
  'NOT_FOUND.definition': { 'zh-CN': '没有名为「{key}」的单据类型', en: 'No definition named "{key}".' },
  'NOT_FOUND.definition_version': {
    'zh-CN': '单据类型「{key}」没有第 {version} 版',
    en: 'Definition "{key}" has no version {version}.',
  },
  'VERSION_CONFLICT.definition_published_meanwhile': {
    'zh-CN': '「{key}」的第 {version} 版刚被他人发布，请刷新后重新发布',
    en: 'Version {version} of {key} was published by someone else meanwhile; reload and publish again.',
  },
  'VALIDATION_FAILED.definition_not_publishable': {
    'zh-CN': '单据类型「{key}」有 {count} 处错误，不能发布',
    en: 'Definition "{key}" cannot be published: {count} error(s).',
  },
  'VALIDATION_FAILED.body_key_mismatch': {
    'zh-CN': '内容中的标识「{bodyKey}」与网址中的「{key}」不一致',
    en: 'The body\'s key "{bodyKey}" does not match the URL\'s "{key}".',
  },
  'VALIDATION_FAILED.must_be_url_key': {
    'zh-CN': '应为「{key}」（网址中的标识）',
    en: 'must be "{key}" (the key in the URL)',
  },
  'VALIDATION_FAILED.draft_has_no_key': { 'zh-CN': '草稿缺少标识（key）', en: 'The draft has no key.' },
  'VALIDATION_FAILED.draft_invalid': {
    'zh-CN': '草稿还有错误，请先修正再试用',
    en: 'The draft definition is not valid yet; fix it before trying it.',
  },
  'NOT_FOUND.draft_transition': {
    'zh-CN': '草稿中没有操作「{transition}」',
    en: 'The draft has no transition "{transition}".',
  },
  'VALIDATION_FAILED.cannot_assume': { 'zh-CN': '不能假定「{path}」的值', en: 'Cannot assume "{path}".' },
  'VALIDATION_FAILED.assume_path': {
    'zh-CN': '只能是 data.… 或 related.… 路径',
    en: 'must be a data.… or related.… path',
  },
  'VALIDATION_FAILED.rule_invalid': { 'zh-CN': '规则无效：{reason}', en: 'Invalid rule: {reason}' },
  'RULE_FAILED.rule_not_evaluable': {
    'zh-CN': '规则无法计算：{reason}',
    en: 'Rule could not be evaluated: {reason}',
  },
  'VALIDATION_FAILED.print_template_invalid': {
    'zh-CN': '打印模板 {name} 有误：{reason}',
    en: 'Template {name}: {reason}',
  },
  'VALIDATION_FAILED.print_template_problem': { 'zh-CN': '模板有误：{reason}', en: '{reason}' },
} as const satisfies Record<string, Entry>;
