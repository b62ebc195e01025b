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
  'PAYLOAD_TOO_LARGE.plugin_too_large': {
    'zh-CN': '插件最多包含 {files} 个文件、{bytes} 字节。',
    en: 'A plugin holds at most {files} files and {bytes} bytes.',
  },
  'VALIDATION_FAILED.plugin_file_not_json': {
    'zh-CN': '{file} 不是有效的 JSON：{reason}',
    en: '{file} is not valid JSON: {reason}',
  },
  'VALIDATION_FAILED.not_json': { 'zh-CN': '不是有效的 JSON', en: 'not valid JSON' },
  'VALIDATION_FAILED.file_missing': { 'zh-CN': '缺少此文件', en: 'missing' },
  'VALIDATION_FAILED.plugin_manifest_missing': {
    'zh-CN': '插件的根目录需要 manifest.json。',
    en: 'A plugin needs a manifest.json at its root.',
  },
  'VALIDATION_FAILED.plugin_folder_without_manifest': {
    'zh-CN': '{folder} 不是插件：缺少 manifest.json。',
    en: 'No plugin at {folder}: manifest.json is missing.',
  },
  'VALIDATION_FAILED.manifest_invalid': {
    'zh-CN': 'manifest.json 无效：{problems}',
    en: 'manifest.json is not valid: {problems}',
  },
  'VALIDATION_FAILED.plugin_handlers_missing': {
    'zh-CN': 'manifest.json 指定的处理程序 “{file}” 不在插件中。',
    en: 'manifest.json names handlers "{file}", which the plugin does not contain.',
  },
  'VALIDATION_FAILED.handlers_file_not_found': { 'zh-CN': '插件中没有此文件', en: 'file not found in the plugin' },
  'VALIDATION_FAILED.plugin_i18n_shape': {
    'zh-CN': '{file} 必须是键到文本的映射。',
    en: '{file} must map keys to texts.',
  },
  'VALIDATION_FAILED.strings_object': { 'zh-CN': '必须是由字符串组成的对象', en: 'must be an object of strings' },
  'VALIDATION_FAILED.plugin_translations_incomplete': {
    'zh-CN': '插件的翻译不完整：{path}',
    en: "The plugin's translations are incomplete: {path}",
  },
  'VALIDATION_FAILED.plugin_path_escapes': {
    'zh-CN': '插件文件路径超出了插件目录：{path}',
    en: 'Plugin file path escapes its folder: {path}',
  },
  'VALIDATION_FAILED.handlers_do_not_compile': {
    'zh-CN': '{file} 无法编译：{reason}',
    en: '{file} does not compile: {reason}',
  },
  'VALIDATION_FAILED.compile_error': { 'zh-CN': '无法编译：{reason}', en: '{reason}' },
  'VALIDATION_FAILED.handlers_without_default_export': {
    'zh-CN': '{file} 必须 export default definePlugin(...)',
    en: '{file} must export default definePlugin(...)',
  },
  'VALIDATION_FAILED.no_define_plugin_export': {
    'zh-CN': '没有由 definePlugin 生成的默认导出',
    en: 'no default export made by definePlugin',
  },
  'VALIDATION_FAILED.plugin_seed_invalid': {
    'zh-CN': '插件的初始数据无效：{first}',
    en: "The plugin's seed data is not valid: {first}",
  },
  'VALIDATION_FAILED.plugin_seed_misfit': {
    'zh-CN': '{plugin} 的初始数据不符合其定义：{path}',
    en: 'Seed data of {plugin} does not fit its definitions: {path}',
  },
  'VALIDATION_FAILED.plugin_definitions_invalid': {
    'zh-CN': '插件的定义无效：{first}',
    en: "The plugin's definitions are not valid: {first}",
  },
  'VALIDATION_FAILED.overlay_replaces_builtin': {
    'zh-CN': '覆盖文件 {file} 会替换内置定义 “{key}” 的一部分。',
    en: 'Overlay {file} would replace part of the built-in "{key}".',
  },
  'VALIDATION_FAILED.plugin_cannot_install': {
    'zh-CN': '插件 {name} 无法安装：{first}',
    en: 'Plugin {name} cannot be installed: {first}',
  },
  'DUPLICATE_KEY.plugin_cannot_install': {
    'zh-CN': '插件 {name} 无法安装：{first}',
    en: 'Plugin {name} cannot be installed: {first}',
  },
  'VALIDATION_FAILED.plugin_lint_errors': {
    'zh-CN': '插件 {name}：{count} 个检查错误，未发布任何内容。',
    en: 'Plugin {name}: {count} lint error(s); nothing was published.',
  },
  'NOT_FOUND.plugin_not_installed': { 'zh-CN': '插件 “{name}” 未安装。', en: 'Plugin "{name}" is not installed.' },
  'DUPLICATE_KEY.plugin_installed': {
    'zh-CN': '插件 “{name}” 已安装，请改用升级。',
    en: 'Plugin "{name}" is already installed; upgrade it instead.',
  },
  'DUPLICATE_KEY.already_installed': { 'zh-CN': '已安装', en: 'already installed' },
  'VERSION_CONFLICT.plugin_upgrade_not_higher': {
    'zh-CN': '已安装插件 {name} {current}；升级需要比 {version} 更高的版本。',
    en: 'Plugin {name} {current} is installed; an upgrade needs a higher version than {version}.',
  },
  'VERSION_CONFLICT.version_not_greater': { 'zh-CN': '必须大于 {current}', en: 'must be greater than {current}' },
  'VERSION_CONFLICT.plugin_changed_meanwhile': {
    'zh-CN': '插件 {name} 已被同时修改，请重新查看插件列表后重试。',
    en: 'Plugin {name} was changed meanwhile; list the plugins and try again.',
  },
  'RULE_FAILED.plugin_needed_by': {
    'zh-CN': '插件 {name} 被 {dependents} 依赖，请先卸载它们。',
    en: 'Plugin {name} is needed by {dependents}; uninstall those first.',
  },
  'RULE_FAILED.plugin_documents_exist': {
    'zh-CN': '插件 {name} 无法卸载：仍有单据（{counts}）；归档卸载可将其保留为只读。',
    en: 'Plugin {name} cannot be uninstalled: {counts} document(s) exist; uninstall with archive to keep them read-only.',
  },
  'BAD_REQUEST.plugin_archive_body': {
    'zh-CN': '请将插件包（npm run plugin -- pack 生成）作为请求体发送，Content-Type 为 application/gzip。',
    en: 'Send the plugin archive (npm run plugin -- pack) as the body, Content-Type application/gzip.',
  },
  'VALIDATION_FAILED.archive_holds_other_plugin': {
    'zh-CN': '插件包中是插件 “{found}”，而不是 “{name}”。',
    en: 'The archive holds plugin "{found}", not "{name}".',
  },
  'VALIDATION_FAILED.must_be_name': { 'zh-CN': '必须为 “{name}”', en: 'must be "{name}"' },
  'VALIDATION_FAILED.not_plugin_archive': {
    'zh-CN': '不是插件包（.tar.gz）：{reason}',
    en: 'Not a plugin archive (.tar.gz): {reason}',
  },
  'VALIDATION_FAILED.not_tar_gz': { 'zh-CN': '不是 gzip 压缩的 tar 包', en: 'not a gzip-compressed tar archive' },
  'NOT_FOUND.plugin_report': { 'zh-CN': '没有插件报表 “{key}”。', en: 'No plugin report "{key}".' },
  'NOT_FOUND.plugin_alert_kind': { 'zh-CN': '没有插件预警类型 “{key}”。', en: 'No plugin alert kind "{key}".' },
} as const satisfies Record<string, Entry>;
