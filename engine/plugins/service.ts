// Plugin lifecycle: install, upgrade, uninstall, list. Definitions are published
// through the definitions service (so the linter, compilers and audit apply);
// published versions are never changed, so documents created under an earlier
// version keep it across upgrades.
import semver from 'semver';
import { recordAudit } from '../audit/index';
import { documentsCollection } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import { fieldError } from '../messages/index';
import { publishDefinition } from '../definitions/index';
import type { DefinitionRegistry } from '../definitions/index';
import { DEFINITIONS_COLLECTION, type DefinitionRecord } from '../definitions/index';
import type { Definition } from '../definitions/index';
import type { Store } from '../store/index';
import { ROLES_COLLECTION, type RoleDoc } from '../users/index';
import type { PluginBundle } from './bundle';
import { preparePlugin, sourceOf } from './prepare';
import {
  filesFromList,
  filesToList,
  pluginRecords,
  summaryOfPlugin,
  type PluginRecord,
  type PluginSummary,
  type PublishedDefinition,
} from './records';
import type { PluginRuntime } from './runtime';

export interface PluginContext {
  store: Store;
  registry: DefinitionRegistry;
  runtime: PluginRuntime;
  actor: { id: string; username: string } | null;
  ip?: string;
  now: Date;
}

const notInstalled = (name: string) => new AppError('NOT_FOUND', `Plugin "${name}" is not installed.`);

async function ensureRoles(ctx: PluginContext, bundle: PluginBundle): Promise<void> {
  for (const role of bundle.manifest.roles ?? []) {
    await ctx.store
      .collection<RoleDoc>(ROLES_COLLECTION)
      .updateOne(
        { _id: role.key },
        { $setOnInsert: { label: role.label, builtIn: false, createdAt: ctx.now } },
        { upsert: true },
      );
  }
}

/** Lints everything, loads the handlers (their effect names must be known to lint), then publishes. */
async function publishAll(ctx: PluginContext, bundle: PluginBundle): Promise<PublishedDefinition[]> {
  await ctx.runtime.load(bundle);
  const prepared = await preparePlugin(ctx.store, ctx.registry, bundle);
  await ensureRoles(ctx, bundle);
  const companions = prepared.map((p) => p.body as unknown as Definition);
  const published: PublishedDefinition[] = [];
  for (const p of prepared) {
    const { record } = await publishDefinition(ctx.store, ctx.registry, {
      body: p.body,
      key: p.key,
      source: sourceOf(bundle.manifest.name),
      actor: ctx.actor,
      ip: ctx.ip,
      now: ctx.now,
      companions,
    });
    published.push({ key: p.key, version: record.version, overlay: p.overlay });
  }
  return published;
}

async function audit(
  ctx: PluginContext,
  action: string,
  name: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(ctx.store, { action, actor: ctx.actor, ip: ctx.ip, subject: `plugin:${name}`, details }, ctx.now);
}

export async function listPlugins(store: Store): Promise<PluginSummary[]> {
  return (await pluginRecords(store).find({}, { sort: { _id: 1 } })).map(summaryOfPlugin);
}

export async function installPlugin(ctx: PluginContext, bundle: PluginBundle): Promise<PluginSummary> {
  const { name, version } = bundle.manifest;
  // The record is the claim: a second install of the same plugin at the same time gets 409.
  try {
    await pluginRecords(ctx.store).insertOne({
      _id: name,
      name,
      version,
      manifest: bundle.manifest,
      files: filesToList(bundle.files),
      definitions: [],
      installedAt: ctx.now,
      installedBy: ctx.actor,
      installing: true,
    });
  } catch (err) {
    if (err instanceof DuplicateKeyError)
      throw new AppError('DUPLICATE_KEY', `Plugin "${name}" is already installed; upgrade it instead.`, {
        errors: [{ path: '/manifest/name', message: 'already installed' }],
      });
    throw err;
  }
  let definitions: PublishedDefinition[];
  try {
    definitions = await publishAll(ctx, bundle);
  } catch (err) {
    ctx.runtime.unload(name);
    await pluginRecords(ctx.store).deleteOne({ _id: name });
    throw err;
  }
  const record = await pluginRecords(ctx.store).findOneAndUpdate(
    { _id: name },
    { $set: { definitions }, $unset: { installing: '' } },
  );
  await audit(ctx, 'plugin.installed', name, { version, definitions });
  return summaryOfPlugin(record as PluginRecord);
}

export async function upgradePlugin(ctx: PluginContext, bundle: PluginBundle): Promise<PluginSummary> {
  const { name, version } = bundle.manifest;
  const current = await pluginRecords(ctx.store).findById(name);
  if (!current) throw notInstalled(name);
  if (!semver.gt(version, current.version)) {
    throw new AppError(
      'VERSION_CONFLICT',
      `Plugin ${name} ${current.version} is installed; an upgrade needs a higher version than ${version}.`,
      {
        errors: [{ path: '/manifest/version', message: `must be greater than ${current.version}` }],
      },
    );
  }
  let definitions: PublishedDefinition[];
  try {
    definitions = await publishAll(ctx, bundle);
  } catch (err) {
    // Back to the installed version's handlers.
    await ctx.runtime.load({ manifest: current.manifest, files: filesFromList(current.files) });
    throw err;
  }
  const ok = await pluginRecords(ctx.store).updateOne(
    { _id: name, version: current.version },
    {
      $set: { version, manifest: bundle.manifest, files: filesToList(bundle.files), definitions, upgradedAt: ctx.now },
    },
  );
  if (!ok)
    throw new AppError('VERSION_CONFLICT', `Plugin ${name} was changed meanwhile; list the plugins and try again.`);
  await audit(ctx, 'plugin.upgraded', name, { from: current.version, to: version, definitions });
  return summaryOfPlugin({
    ...current,
    version,
    manifest: bundle.manifest,
    files: filesToList(bundle.files),
    definitions,
    upgradedAt: ctx.now,
  });
}

/**
 * Refused while documents of the plugin's own types exist (they would lose their
 * definition) or another plugin depends on it. Its own definitions are removed;
 * an overlaid built-in is published again as it was before the overlay.
 */
export async function uninstallPlugin(ctx: PluginContext, name: string): Promise<{ name: string; version: string }> {
  const current = await pluginRecords(ctx.store).findById(name);
  if (!current) throw notInstalled(name);
  const dependents = (await pluginRecords(ctx.store).find({})).filter(
    (p) => p._id !== name && p.manifest.depends?.[name],
  );
  if (dependents.length > 0) {
    throw new AppError(
      'RULE_FAILED',
      `Plugin ${name} is needed by ${dependents.map((d) => d.name).join(', ')}; uninstall those first.`,
      {
        errors: dependents.map((d) => fieldError(`/plugins/${d.name}`, 'RULE_FAILED.plugin_depended_on', { name })),
      },
    );
  }
  const own = current.definitions.filter((d) => !d.overlay);
  const inUse: Array<{ type: string; documents: number }> = [];
  for (const d of own) {
    const count = await documentsCollection(ctx.store, d.key).count({});
    if (count > 0) inUse.push({ type: d.key, documents: count });
  }
  if (inUse.length > 0) {
    throw new AppError(
      'RULE_FAILED',
      `Plugin ${name} cannot be uninstalled: ${inUse.map((u) => `${u.documents} ${u.type}`).join(', ')} document(s) exist; archive them first.`,
      {
        errors: inUse.map((u) =>
          fieldError(`/documents/${u.type}`, 'RULE_FAILED.definition_in_use', { count: u.documents }),
        ),
        extra: { documents: inUse },
      },
    );
  }
  const definitions = ctx.store.collection<DefinitionRecord>(DEFINITIONS_COLLECTION);
  for (const d of current.definitions.filter((x) => x.overlay)) {
    const base = await definitions.findOne({ key: d.key, source: { $ne: sourceOf(name) } }, { sort: { version: -1 } });
    if (base) {
      await publishDefinition(ctx.store, ctx.registry, {
        body: base.definition,
        key: d.key,
        source: base.source,
        actor: ctx.actor,
        ip: ctx.ip,
        now: ctx.now,
      });
    }
  }
  for (const d of own) await definitions.deleteMany({ key: d.key });
  ctx.runtime.unload(name);
  await pluginRecords(ctx.store).deleteOne({ _id: name });
  await audit(ctx, 'plugin.uninstalled', name, { version: current.version });
  return { name, version: current.version };
}

/** At engine start: the handlers of every installed plugin. */
export async function loadInstalledPlugins(store: Store, runtime: PluginRuntime): Promise<string[]> {
  const installed = await pluginRecords(store).find({ installing: { $ne: true } });
  for (const p of installed) await runtime.load({ manifest: p.manifest, files: filesFromList(p.files) });
  return installed.map((p) => `${p.name}@${p.version}`);
}
