// Publishing a plugin's definitions and seed, all or nothing: every definition
// is checked before the first is published (prepare.ts), and a failure part-way
// (a store error, a seed that does not fit) takes back the versions already
// published, so the definitions are as they were before. What has been published
// is also written on the plugin's record as it goes, so a process that dies
// part-way is undone when an engine next starts (or the plugin is installed
// again) — see recoverInterrupted.
import type { DefinitionRegistry } from '../definitions/index';
import { publishDefinition, withdrawDefinition, type Definition } from '../definitions/index';
import type { FaultSeam } from '../faults/index';
import type { Store } from '../store/index';
import { ROLES_COLLECTION, type RoleDoc } from '../users/index';
import type { PluginBundle } from './bundle';
import { preparePlugin, sourceOf } from './prepare';
import { pluginRecords, type PluginRecord, type PublishedDefinition } from './records';
import type { PluginRuntime } from './runtime';
import { loadSeed, seedEntries, type SeedResult } from './seed';

export interface PluginContext {
  store: Store;
  registry: DefinitionRegistry;
  runtime: PluginRuntime;
  faults: FaultSeam;
  actor: { id: string; username: string } | null;
  ip?: string;
  now: Date;
}

/** An install or upgrade older than this with its flag still set was cut short (its process died). */
export const PUBLISH_LEASE_MS = 10 * 60_000;

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

/** Takes back published versions, newest first. */
export async function withdrawAll(ctx: Pick<PluginContext, 'store' | 'registry'>, published: PublishedDefinition[]) {
  for (const d of [...published].reverse()) await withdrawDefinition(ctx.store, ctx.registry, d);
}

/**
 * Lints everything, loads the handlers (their effect names must be known to
 * lint), publishes each definition, then loads the seed. `progress` records each
 * published version on the plugin's record before the next step.
 */
export async function publishAll(
  ctx: PluginContext,
  bundle: PluginBundle,
  progress: (published: PublishedDefinition[]) => Promise<void>,
): Promise<{ definitions: PublishedDefinition[]; seed: SeedResult }> {
  const name = bundle.manifest.name;
  await ctx.runtime.load(bundle);
  const prepared = await preparePlugin(ctx.store, ctx.registry, bundle);
  seedEntries(bundle); // a badly shaped seed refuses the plugin before anything is published
  await ensureRoles(ctx, bundle);
  const companions = prepared.map((p) => p.body as unknown as Definition);
  const published: PublishedDefinition[] = [];
  try {
    for (const p of prepared) {
      const { record } = await publishDefinition(ctx.store, ctx.registry, {
        body: p.body,
        key: p.key,
        source: sourceOf(name),
        actor: ctx.actor,
        ip: ctx.ip,
        now: ctx.now,
        companions,
      });
      published.push({ key: p.key, version: record.version, overlay: p.overlay });
      await progress(published);
      await ctx.faults.hit('plugins.afterPublish', { plugin: name, key: p.key, version: record.version });
    }
    const seed = await loadSeed(ctx, bundle);
    return { definitions: published, seed };
  } catch (err) {
    try {
      await withdrawAll(ctx, published);
    } catch (undoErr) {
      // Both matter: why it failed, and that some versions stay until recoverInterrupted runs.
      throw new AggregateError([err, undoErr], `Plugin ${name} failed and could not be fully taken back yet`, {
        cause: undoErr,
      });
    }
    throw err;
  }
}

const stale = (since: Date | undefined, now: Date) => !since || now.getTime() - since.getTime() >= PUBLISH_LEASE_MS;

/**
 * Undoes an install or upgrade whose process died part-way: the versions it
 * published are taken back, an install's record goes, an upgrade's flag goes.
 * Returns whether the record was such a leftover. A recent one is left alone (it
 * may still be running on another engine replica).
 */
export async function recoverInterrupted(
  ctx: Pick<PluginContext, 'store' | 'registry'>,
  record: PluginRecord,
  now: Date,
): Promise<boolean> {
  if (record.installing && stale(record.installedAt, now)) {
    await withdrawAll(ctx, record.definitions);
    await pluginRecords(ctx.store).deleteOne({ _id: record._id, installing: true });
    return true;
  }
  if (record.upgrading && stale(record.upgrading.startedAt, now)) {
    await withdrawAll(ctx, record.upgrading.definitions);
    await pluginRecords(ctx.store).updateOne({ _id: record._id }, { $unset: { upgrading: '' } });
    return true;
  }
  return false;
}
