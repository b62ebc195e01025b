// Uninstalling a plugin. Refused while another plugin depends on it. Without
// `archive` it is also refused while documents of the plugin's own types exist
// (they would lose their definition), and its own definitions are removed. With
// `archive` the documents stay: each own definition gets one more version,
// marked archived, so its documents are read-only (engine/documents
// permissions) and still open, list and print; the plugin's record stays,
// marked archived, and installing the plugin again makes them writable again.
// Either way its handlers and schedules go, and an overlaid built-in is
// published again as it was before the overlay.
import { documentsCollection } from '../documents/index';
import { fieldError } from '../messages/index';
import { DEFINITIONS_COLLECTION, latestRecord, publishDefinition, type DefinitionRecord } from '../definitions/index';
import { sourceOf } from './prepare';
import { messageError } from '../messages/index';
import type { PluginContext } from './publish-plugin';
import { pluginRecords, type PluginRecord, type PublishedDefinition } from './records';
import { audit, notInstalled } from './service';

export interface UninstallResult {
  name: string;
  version: string;
  archived: boolean;
  /** With archive: the archived versions, and how many documents each type keeps. */
  definitions?: Array<PublishedDefinition & { documents: number }>;
}

async function refuseDependents(ctx: PluginContext, name: string): Promise<void> {
  const dependents = (await pluginRecords(ctx.store).find({ archived: { $ne: true } })).filter(
    (p) => p._id !== name && p.manifest.depends?.[name],
  );
  if (dependents.length === 0) return;
  const names = dependents.map((d) => d.name);
  throw messageError(
    'RULE_FAILED.plugin_needed_by',
    { name, dependents: { 'zh-CN': names.join('、'), en: names.join(', ') } },
    { errors: dependents.map((d) => fieldError(`/plugins/${d.name}`, 'RULE_FAILED.plugin_depended_on', { name })) },
  );
}

async function documentCounts(ctx: PluginContext, own: PublishedDefinition[]) {
  const counts: Array<{ type: string; documents: number }> = [];
  for (const d of own) counts.push({ type: d.key, documents: await documentsCollection(ctx.store, d.key).count({}) });
  return counts;
}

/** One more version of each own definition, the same but archived (published while its effects are still known). */
async function archiveDefinitions(ctx: PluginContext, name: string, own: PublishedDefinition[]) {
  const archived: PublishedDefinition[] = [];
  for (const d of own) {
    const latest = await latestRecord(ctx.store, d.key);
    if (!latest) continue;
    const { version: _v, ...body } = latest.definition;
    const { record } = await publishDefinition(ctx.store, ctx.registry, {
      body: { ...body, archived: true },
      key: d.key,
      source: sourceOf(name),
      actor: ctx.actor,
      ip: ctx.ip,
      now: ctx.now,
    });
    archived.push({ key: d.key, version: record.version, overlay: false });
  }
  return archived;
}

async function restoreOverlaid(ctx: PluginContext, name: string, current: PluginRecord): Promise<void> {
  const definitions = ctx.store.collection<DefinitionRecord>(DEFINITIONS_COLLECTION);
  for (const d of current.definitions.filter((x) => x.overlay)) {
    const base = await definitions.findOne({ key: d.key, source: { $ne: sourceOf(name) } }, { sort: { version: -1 } });
    if (!base) continue;
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

export async function uninstallPlugin(
  ctx: PluginContext,
  name: string,
  options: { archive?: boolean } = {},
): Promise<UninstallResult> {
  const current = await pluginRecords(ctx.store).findById(name);
  if (!current || current.installing || current.archived) throw notInstalled(name);
  await refuseDependents(ctx, name);
  const own = current.definitions.filter((d) => !d.overlay);
  const counts = await documentCounts(ctx, own);
  const inUse = counts.filter((c) => c.documents > 0);
  if (!options.archive && inUse.length > 0) {
    const inUseText = {
      'zh-CN': inUse.map((u) => `${u.type} ${u.documents} 份`).join('、'),
      en: inUse.map((u) => `${u.documents} ${u.type}`).join(', '),
    };
    throw messageError(
      'RULE_FAILED.plugin_documents_exist',
      { name, counts: inUseText },
      {
        errors: inUse.map((u) =>
          fieldError(`/documents/${u.type}`, 'RULE_FAILED.definition_in_use', { count: u.documents }),
        ),
        extra: { documents: inUse },
      },
    );
  }
  const archived = options.archive ? await archiveDefinitions(ctx, name, own) : [];
  await restoreOverlaid(ctx, name, current);
  if (!options.archive) {
    const definitions = ctx.store.collection<DefinitionRecord>(DEFINITIONS_COLLECTION);
    for (const d of own) await definitions.deleteMany({ key: d.key });
    // Installing again starts at version 1: no compiled version of the old body may stay cached.
    for (const d of own) for (let v = 1; v <= d.version; v += 1) ctx.registry.withdrawn(d.key, v);
  }
  const alerts = ctx.runtime.alertNames(name);
  ctx.runtime.unload(name);
  await ctx.runtime.unschedule(alerts);
  if (options.archive) {
    await pluginRecords(ctx.store).updateOne(
      { _id: name },
      { $set: { archived: true, archivedAt: ctx.now, definitions: archived } },
    );
  } else {
    await pluginRecords(ctx.store).deleteOne({ _id: name });
  }
  const result: UninstallResult = {
    name,
    version: current.version,
    archived: options.archive === true,
    ...(options.archive
      ? {
          definitions: archived.map((d) => ({
            ...d,
            documents: counts.find((c) => c.type === d.key)?.documents ?? 0,
          })),
        }
      : {}),
  };
  await audit(ctx, options.archive ? 'plugin.archived' : 'plugin.uninstalled', name, { ...result });
  return result;
}
