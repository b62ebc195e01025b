// Plugin lifecycle: install, upgrade, list (uninstall: uninstall.ts).
// Definitions are published through the definitions service (so the linter,
// compilers and audit apply); published versions are never changed, so
// documents created under an earlier version keep it across upgrades. Install
// and upgrade are all or nothing (publish-plugin.ts).
import semver from 'semver';
import { recordAudit } from '../audit/index';
import { DuplicateKeyError } from '../errors';
import { fieldError } from '../messages/index';
import type { Store } from '../store/index';
import type { PluginBundle } from './bundle';
import { publishAll, recoverInterrupted, type PluginContext } from './publish-plugin';
import {
  filesFromList,
  filesToList,
  pluginRecords,
  summaryOfPlugin,
  type PluginRecord,
  type PluginSummary,
} from './records';
import { messageError } from '../messages/index';
import type { PluginRuntime } from './runtime';

export type { PluginContext } from './publish-plugin';

export const notInstalled = (name: string) => messageError('NOT_FOUND.plugin_not_installed', { name });

export async function audit(
  ctx: PluginContext,
  action: string,
  name: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(ctx.store, { action, actor: ctx.actor, ip: ctx.ip, subject: `plugin:${name}`, details }, ctx.now);
}

export async function listPlugins(store: Store): Promise<PluginSummary[]> {
  return (await pluginRecords(store).find({ installing: { $ne: true } }, { sort: { _id: 1 } })).map(summaryOfPlugin);
}

const alreadyInstalled = (name: string) =>
  messageError(
    'DUPLICATE_KEY.plugin_installed',
    { name },
    {
      errors: [fieldError('/manifest/name', 'DUPLICATE_KEY.already_installed')],
    },
  );

/**
 * The record is the claim: a second install of the same plugin at the same time
 * gets 409. An archived plugin is installed again over its record (its
 * definitions get new, writable versions); a leftover of an install that died
 * part-way is undone first.
 */
async function claim(ctx: PluginContext, bundle: PluginBundle): Promise<void> {
  const { name, version } = bundle.manifest;
  const fresh: PluginRecord = {
    _id: name,
    name,
    version,
    manifest: bundle.manifest,
    files: filesToList(bundle.files),
    definitions: [],
    installedAt: ctx.now,
    installedBy: ctx.actor,
    installing: true,
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await pluginRecords(ctx.store).insertOne(fresh);
      return;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const existing = await pluginRecords(ctx.store).findById(name);
    if (existing?.archived) {
      const { _id, ...rest } = fresh;
      const taken = await pluginRecords(ctx.store).updateOne(
        { _id, archived: true },
        { $set: rest, $unset: { archived: '', archivedAt: '', upgradedAt: '', seed: '' } },
      );
      if (taken) return;
    } else if (!existing || !(await recoverInterrupted(ctx, existing, ctx.now))) {
      throw alreadyInstalled(name);
    }
  }
  throw alreadyInstalled(name);
}

export async function installPlugin(ctx: PluginContext, bundle: PluginBundle): Promise<PluginSummary> {
  const { name, version } = bundle.manifest;
  await claim(ctx, bundle);
  let result: Awaited<ReturnType<typeof publishAll>>;
  try {
    result = await publishAll(ctx, bundle, async (definitions) => {
      await pluginRecords(ctx.store).updateOne({ _id: name, installing: true }, { $set: { definitions } });
    });
  } catch (err) {
    ctx.runtime.unload(name);
    await pluginRecords(ctx.store).deleteOne({ _id: name, installing: true });
    throw err;
  }
  const record = await pluginRecords(ctx.store).findOneAndUpdate(
    { _id: name },
    { $set: { definitions: result.definitions, seed: result.seed }, $unset: { installing: '' } },
  );
  // Its alert scans go on the queue now, not at the next start.
  await ctx.runtime.schedule(name);
  await audit(ctx, 'plugin.installed', name, { version, definitions: result.definitions, seed: result.seed });
  return summaryOfPlugin(record as PluginRecord);
}

export async function upgradePlugin(ctx: PluginContext, bundle: PluginBundle): Promise<PluginSummary> {
  const { name, version } = bundle.manifest;
  let current = await pluginRecords(ctx.store).findById(name);
  if (current && (await recoverInterrupted(ctx, current, ctx.now)))
    current = await pluginRecords(ctx.store).findById(name);
  if (!current || current.installing || current.archived) throw notInstalled(name);
  if (!semver.gt(version, current.version)) {
    throw messageError(
      'VERSION_CONFLICT.plugin_upgrade_not_higher',
      { name, current: current.version, version },
      {
        errors: [fieldError('/manifest/version', 'VERSION_CONFLICT.version_not_greater', { current: current.version })],
      },
    );
  }
  const changedMeanwhile = () => messageError('VERSION_CONFLICT.plugin_changed_meanwhile', { name });
  // The upgrade's claim: one at a time, and what it publishes is on the record as it goes.
  const claimed = await pluginRecords(ctx.store).updateOne(
    { _id: name, version: current.version, upgrading: { $exists: false } },
    { $set: { upgrading: { version, startedAt: ctx.now, definitions: [] } } },
  );
  if (!claimed) throw changedMeanwhile();
  const previousAlerts = ctx.runtime.alertNames(name);
  let result: Awaited<ReturnType<typeof publishAll>>;
  try {
    result = await publishAll(ctx, bundle, async (definitions) => {
      await pluginRecords(ctx.store).updateOne({ _id: name }, { $set: { 'upgrading.definitions': definitions } });
    });
  } catch (err) {
    // Back to the installed version's handlers.
    await ctx.runtime.load({ manifest: current.manifest, files: filesFromList(current.files) });
    await pluginRecords(ctx.store).updateOne({ _id: name }, { $unset: { upgrading: '' } });
    throw err;
  }
  const upgraded = {
    version,
    manifest: bundle.manifest,
    files: filesToList(bundle.files),
    definitions: result.definitions,
    seed: result.seed,
    upgradedAt: ctx.now,
  };
  const ok = await pluginRecords(ctx.store).updateOne(
    { _id: name, version: current.version },
    { $set: upgraded, $unset: { upgrading: '' } },
  );
  if (!ok) throw changedMeanwhile();
  const kept = new Set(ctx.runtime.alertNames(name));
  await ctx.runtime.unschedule(previousAlerts.filter((a) => !kept.has(a)));
  await ctx.runtime.schedule(name);
  await audit(ctx, 'plugin.upgraded', name, {
    from: current.version,
    to: version,
    definitions: result.definitions,
    seed: result.seed,
  });
  return summaryOfPlugin({ ...current, ...upgraded });
}

/** At engine start: undo installs and upgrades a dead process left half done, then load every installed plugin's handlers. */
export async function loadInstalledPlugins(
  ctx: Pick<PluginContext, 'store' | 'registry'>,
  runtime: PluginRuntime,
  now: Date,
): Promise<string[]> {
  const loaded: string[] = [];
  for (const p of await pluginRecords(ctx.store).find({})) {
    await recoverInterrupted(ctx, p, now);
    // An interrupted install is gone now; a recent one may still be running on another replica.
    if (p.installing || p.archived) continue;
    await runtime.load({ manifest: p.manifest, files: filesFromList(p.files) });
    loaded.push(`${p.name}@${p.version}`);
  }
  return loaded;
}
