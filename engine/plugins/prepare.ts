// Everything install and upgrade check before publishing anything: dependencies,
// key conflicts with definitions the plugin does not own, overlays merged into
// their built-in, and every definition through the engine's linter (with the
// plugin's other definitions in view). One error anywhere and nothing is published.
import semver from 'semver';
import type { FieldError } from '../errors';
import { fieldError } from '../messages/index';
import { checkDefinition } from '../definitions/index';
import type { DefinitionRegistry } from '../definitions/index';
import { DEFINITIONS_COLLECTION, latestRecord, type DefinitionRecord } from '../definitions/index';
import type { Definition, Finding } from '../definitions/index';
import type { Store } from '../store/index';
import type { PluginBundle } from './bundle';
import { mergeOverlay, pluginDefinitions } from './plugin-definitions';
import { pluginRecords } from './records';
import { messageError } from '../messages/index';
import { textOf } from './field-text';

export interface PreparedDefinition {
  key: string;
  overlay: boolean;
  body: Record<string, unknown>;
}

export const sourceOf = (name: string): string => `plugin:${name}`;

/** The latest version of `key` that this plugin did not publish: what an overlay extends. */
async function baseOf(store: Store, key: string, plugin: string): Promise<DefinitionRecord | null> {
  return store
    .collection<DefinitionRecord>(DEFINITIONS_COLLECTION)
    .findOne({ key, source: { $ne: sourceOf(plugin) } }, { sort: { version: -1 } });
}

async function checkDepends(store: Store, bundle: PluginBundle): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [name, range] of Object.entries(bundle.manifest.depends ?? {})) {
    const dep = await pluginRecords(store).findById(name);
    if (!dep || !semver.satisfies(dep.version, range)) {
      const found = dep ? { 'zh-CN': `（已安装 ${dep.version}）`, en: ` (found ${dep.version})` } : '';
      errors.push(
        fieldError(`/manifest/depends/${name}`, 'VALIDATION_FAILED.plugin_dependency_missing', { name, range, found }),
      );
    }
  }
  return errors;
}

export async function preparePlugin(
  store: Store,
  registry: DefinitionRegistry,
  bundle: PluginBundle,
): Promise<PreparedDefinition[]> {
  const name = bundle.manifest.name;
  const errors = await checkDepends(store, bundle);
  const prepared: PreparedDefinition[] = [];
  for (const def of pluginDefinitions(bundle)) {
    if (def.overlay) {
      const base = await baseOf(store, def.key, name);
      if (!base)
        errors.push(fieldError('/manifest/extends', 'VALIDATION_FAILED.no_builtin_to_extend', { key: def.key }));
      else prepared.push({ key: def.key, overlay: true, body: mergeOverlay(base.definition, def) });
      continue;
    }
    const existing = await latestRecord(store, def.key);
    if (existing && existing.source !== sourceOf(name)) {
      errors.push(
        fieldError(`/${def.file}/key`, 'VALIDATION_FAILED.definition_exists', {
          key: def.key,
          source: existing.source,
        }),
      );
      continue;
    }
    prepared.push({ key: def.key, overlay: false, body: def.body });
  }
  if (errors.length > 0) {
    const conflict = errors.some((e) => e.path.endsWith('/key'));
    const params = { name, first: textOf(errors[0]) };
    throw conflict
      ? messageError('DUPLICATE_KEY.plugin_cannot_install', params, { errors })
      : messageError('VALIDATION_FAILED.plugin_cannot_install', params, { errors });
  }
  const companions = prepared.map((p) => p.body as unknown as Definition);
  const findings: Array<Finding & { definition: string }> = [];
  for (const p of prepared) {
    for (const f of await checkDefinition(registry, p.body, companions)) findings.push({ ...f, definition: p.key });
  }
  const lintErrors = findings.filter((f) => f.severity === 'error');
  if (lintErrors.length > 0) {
    throw messageError(
      'VALIDATION_FAILED.plugin_lint_errors',
      { name, count: lintErrors.length },
      {
        // Each finding carries its text in both languages: the answer shows the caller's.
        errors: lintErrors.map((f) => ({
          path: `/definitions/${f.definition}${f.path}`,
          message: f.message,
          i18n: f.i18n,
        })),
        extra: { findings },
      },
    );
  }
  return prepared;
}
