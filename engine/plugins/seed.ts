// A plugin's seed/ data: sample master data (products with their lens ranges,
// say) created when the plugin is installed or upgraded. A seed file is
//   { "type": "product", "documents": [{ "ref": "frame-h9001", "data": {...} }] }
// and files load in name order. Each document's id comes from (plugin, type,
// ref), so loading again creates only what is missing: a document already there
// (or one whose unique value, such as a SKU, the shop already uses) is kept as it
// is. A string "@seed:REF" in data is the id of the seed document REF.
import { createHash } from 'node:crypto';
import { AppError, DuplicateKeyError, type FieldError } from '../errors';
import type { CompiledDefinition, DefinitionRegistry } from '../definitions/index';
import { documentsCollection, EVENTS_COLLECTION, insertNewDocument, prepareNewData } from '../documents/index';
import { fieldError } from '../messages/index';
import type { Store } from '../store/index';
import { jsonFiles, type PluginBundle } from './bundle';
import { messageError } from '../messages/index';
import { textOf } from './field-text';

export interface SeedEntry {
  type: string;
  ref: string;
  data: Record<string, unknown>;
  /** Where it sits in the plugin, for error paths: /seed/products.json/documents/0 */
  path: string;
}

export interface SeedResult {
  created: number;
  existing: number;
}

const REF = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const seedId = (plugin: string, type: string, ref: string): string =>
  `seed-${createHash('sha256').update(`${plugin}\u0000${type}\u0000${ref}`).digest('hex').slice(0, 32)}`;

/** The seed documents, checked for shape (before anything is published). */
export function seedEntries(bundle: PluginBundle): SeedEntry[] {
  const errors: FieldError[] = [];
  const out: SeedEntry[] = [];
  const refs = new Set<string>();
  for (const { file, body } of jsonFiles(bundle, 'seed')) {
    if (!isObj(body) || typeof body.type !== 'string' || !Array.isArray(body.documents)) {
      errors.push(fieldError(`/${file}`, 'VALIDATION_FAILED.seed_file_shape'));
      continue;
    }
    body.documents.forEach((doc: unknown, i) => {
      const path = `/${file}/documents/${i}`;
      if (!isObj(doc) || typeof doc.ref !== 'string' || !REF.test(doc.ref) || !isObj(doc.data)) {
        errors.push(fieldError(path, 'VALIDATION_FAILED.seed_document_shape'));
      } else if (refs.has(doc.ref)) {
        errors.push(fieldError(`${path}/ref`, 'VALIDATION_FAILED.seed_duplicate_ref', { ref: doc.ref }));
      } else {
        refs.add(doc.ref);
        out.push({ type: body.type as string, ref: doc.ref, data: doc.data, path });
      }
    });
  }
  if (errors.length > 0)
    throw messageError('VALIDATION_FAILED.plugin_seed_invalid', { first: textOf(errors[0]) }, { errors });
  return out;
}

function resolveRefs(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string' && value.startsWith('@seed:')) return ids.get(value.slice(6)) ?? value;
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, ids));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, ids)]));
  return value;
}

export interface SeedContext {
  store: Store;
  registry: DefinitionRegistry;
  actor: { id: string; username: string } | null;
  now: Date;
}

/**
 * Creates the missing seed documents. Every one is validated against its
 * definition first (422 naming /seed/FILE/documents/N/data/FIELD, nothing
 * created); if an insert then fails, the ones this call created are removed.
 */
export async function loadSeed(ctx: SeedContext, bundle: PluginBundle): Promise<SeedResult> {
  const entries = seedEntries(bundle);
  if (entries.length === 0) return { created: 0, existing: 0 };
  const plugin = bundle.manifest.name;
  const ids = new Map(entries.map((e) => [e.ref, seedId(plugin, e.type, e.ref)]));
  const actor = ctx.actor ?? { id: 'system', username: 'system' };
  const user = { ...actor, roles: ['admin'] };
  const errors: FieldError[] = [];
  const ready: Array<{ compiled: CompiledDefinition; id: string; data: Record<string, unknown> }> = [];
  let existing = 0;
  for (const entry of entries) {
    const id = ids.get(entry.ref) as string;
    let compiled: CompiledDefinition;
    try {
      compiled = await ctx.registry.latest(entry.type);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
      errors.push(fieldError(entry.path, 'VALIDATION_FAILED.seed_unknown_type', { type: entry.type }));
      continue;
    }
    if (await documentsCollection(ctx.store, entry.type).findById(id)) {
      existing += 1;
      continue;
    }
    const input = resolveRefs(entry.data, ids) as Record<string, unknown>;
    try {
      ready.push({
        compiled,
        id,
        data: await prepareNewData(ctx.store, {
          compiled,
          data: input,
          user,
          now: ctx.now,
          id,
          // Seed data is the consultant's, loaded with the installing admin's rights over every reference.
          references: async () => null,
        }),
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      const whole: FieldError = { path: '', message: err.message, key: err.messageKey, params: err.params };
      for (const e of err.errors ?? [whole]) errors.push({ ...e, path: `${entry.path}/data${e.path}` });
    }
  }
  if (errors.length > 0)
    throw messageError('VALIDATION_FAILED.plugin_seed_misfit', { plugin, path: errors[0].path }, { errors });
  const created: Array<{ type: string; id: string }> = [];
  try {
    for (const doc of ready) {
      try {
        await insertNewDocument(ctx.store, {
          ...doc,
          actor,
          now: ctx.now,
          details: { seed: plugin },
          counting: { registry: ctx.registry },
        });
        created.push({ type: doc.compiled.def.key, id: doc.id });
      } catch (err) {
        // The same id (another install got there first) or a unique value the shop already uses: keep theirs.
        if (!(err instanceof DuplicateKeyError)) throw err;
        existing += 1;
      }
    }
  } catch (err) {
    await removeSeeded(ctx.store, created);
    throw err;
  }
  return { created: created.length, existing };
}

/** Removes documents a failed install created from its seed, with their history. */
export async function removeSeeded(store: Store, docs: Array<{ type: string; id: string }>): Promise<void> {
  for (const { type, id } of docs) {
    await documentsCollection(store, type).deleteOne({ _id: id });
    await store.collection(EVENTS_COLLECTION).deleteMany({ docId: id });
  }
}
