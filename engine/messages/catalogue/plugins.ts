// Plugins: a bundle's manifest, files and overlays, checked at install, and what
// stops an uninstall.
import type { Entry } from './entry';

export const plugins = {
  'VALIDATION_FAILED.translation_missing': { 'zh-CN': '缺少翻译', en: 'translation missing' },
  'VALIDATION_FAILED.not_semver': { 'zh-CN': '“{value}” 不是语义化版本号', en: '"{value}" is not a semantic version' },
  'VALIDATION_FAILED.not_semver_range': { 'zh-CN': '“{value}” 不是版本范围', en: '"{value}" is not a semver range' },
  'VALIDATION_FAILED.engine_out_of_range': {
    'zh-CN': '引擎版本 {version} 不在 “{range}” 范围内',
    en: 'engine {version} is outside the range "{range}"',
  },
  'VALIDATION_FAILED.template_file_missing': { 'zh-CN': '{file} 不存在', en: '{file} is missing' },
  'VALIDATION_FAILED.definition_needs_key': { 'zh-CN': '定义需要 key', en: 'a definition needs a "key"' },
  'VALIDATION_FAILED.overlay_file_missing': {
    'zh-CN': '“{key}” 没有对应的覆盖文件',
    en: 'no overlay file for "{key}"',
  },
  'VALIDATION_FAILED.duplicate_definition': { 'zh-CN': '重复的定义 “{key}”', en: 'duplicate definition "{key}"' },
  'VALIDATION_FAILED.builtin_has_item': {
    'zh-CN': '内置定义已有{what} “{key}”',
    en: 'the built-in already has {what} "{key}"',
  },
  'VALIDATION_FAILED.builtin_has_field': {
    'zh-CN': '内置定义已有字段 “{name}”',
    en: 'the built-in already has field "{name}"',
  },
  'VALIDATION_FAILED.builtin_has_no_transition': {
    'zh-CN': '内置定义没有流转 “{key}”',
    en: 'the built-in has no transition "{key}"',
  },
  'VALIDATION_FAILED.builtin_effect_options': {
    'zh-CN': '不能替换内置的效果参数（“{name}”）',
    en: 'cannot replace the built-in\'s options for "{name}"',
  },
  'VALIDATION_FAILED.builtin_has_name': { 'zh-CN': '内置定义已有 “{name}”', en: 'the built-in already has "{name}"' },
  'VALIDATION_FAILED.overlay_cannot_change': {
    'zh-CN': '覆盖不能修改 “{key}”',
    en: 'an overlay cannot change "{key}"',
  },
  'VALIDATION_FAILED.plugin_dependency_missing': {
    'zh-CN': '需要已安装的插件 {name} {range}{found}',
    en: 'needs plugin {name} {range} installed{found}',
  },
  'VALIDATION_FAILED.no_builtin_to_extend': {
    'zh-CN': '没有可扩展的内置定义 “{key}”',
    en: 'no built-in definition "{key}" to extend',
  },
  'VALIDATION_FAILED.definition_exists': {
    'zh-CN': '定义 “{key}” 已存在（{source}）；如需扩展，请在 manifest 的 extends 中声明',
    en: 'definition "{key}" already exists ({source}); list it in the manifest\'s "extends" to overlay it',
  },
  'RULE_FAILED.plugin_depended_on': { 'zh-CN': '依赖 {name}', en: 'depends on {name}' },
  'RULE_FAILED.definition_in_use': {
    'zh-CN': '{count} 份单据仍在使用（可归档卸载）',
    en: '{count} document(s) still use it (uninstall with archive)',
  },
  'RULE_FAILED.definition_archived': {
    'zh-CN': '{type} 已归档，单据只读',
    en: '{type} is archived; its documents are read-only',
  },
  'VALIDATION_FAILED.seed_file_shape': { 'zh-CN': '需要 {type, documents[]}', en: 'must be {type, documents[]}' },
  'VALIDATION_FAILED.seed_document_shape': {
    'zh-CN': '需要 ref（小写字母、数字、-、_）和 data',
    en: 'needs a ref (a-z 0-9 - _) and data',
  },
  'VALIDATION_FAILED.seed_duplicate_ref': { 'zh-CN': '重复的 ref “{ref}”', en: 'duplicate ref "{ref}"' },
  'VALIDATION_FAILED.seed_unknown_type': { 'zh-CN': '没有定义 “{type}”', en: 'no definition "{type}"' },
} as const satisfies Record<string, Entry>;
