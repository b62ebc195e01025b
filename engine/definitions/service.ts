// Stored, versioned definitions (collection `definitions`, unique (key, version)).
// A published version is never changed; publishing writes version n+1. Documents
// keep the version they were created under, so every version stays loadable.
import { DuplicateKeyError } from '../errors';
import { messageError } from '../messages/index';
import type { Store, StoredDoc } from '../store/index';
import type { Definition } from './types';

export const DEFINITIONS_COLLECTION = 'definitions';

export interface DefinitionRecord extends StoredDoc {
  key: string;
  version: number;
  definition: Definition;
  /** `builtin`, `api`, or `plugin:<name>`. */
  source: string;
  publishedBy: { id: string; username: string } | null;
  publishedAt: Date;
}

export interface DefinitionSummary {
  key: string;
  version: number;
  title: Definition['title'];
  category: Definition['category'];
  source: string;
  publishedAt: Date;
  /** Only when archived (read-only documents). */
  archived?: true;
}

export const definitionRecordId = (key: string, version: number): string => `${key}@${version}`;

const records = (store: Store) => store.collection<DefinitionRecord>(DEFINITIONS_COLLECTION);

export async function ensureDefinitionIndexes(store: Store): Promise<void> {
  await records(store).createIndex({ name: 'key_version', keys: { key: 1, version: 1 }, unique: true });
}

export async function latestRecord(store: Store, key: string): Promise<DefinitionRecord | null> {
  return records(store).findOne({ key }, { sort: { version: -1 } });
}

/**
 * The latest version number of every definition, in one read without the bodies:
 * the built-ins' check at start needs only the numbers, and one findOne per
 * built-in file was a dozen milliseconds of every start.
 */
export async function latestVersions(store: Store): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  for (const { key, version } of await records(store).find({}, { projection: { key: 1, version: 1 } }))
    latest.set(key, Math.max(version, latest.get(key) ?? version));
  return latest;
}

/** The number of the latest version, without its body (the registry has the body cached). */
export async function latestVersionOf(store: Store, key: string): Promise<number | null> {
  const found = await records(store).findOne({ key }, { sort: { version: -1 }, projection: { version: 1 } });
  return found ? found.version : null;
}

/** Whether version `version` of `key` is stored (one read by primary key). */
export async function hasVersion(store: Store, key: string, version: number): Promise<boolean> {
  return (await records(store).count({ _id: definitionRecordId(key, version) })) > 0;
}

export async function findRecord(store: Store, key: string, version: number): Promise<DefinitionRecord | null> {
  return records(store).findById(definitionRecordId(key, version));
}

/** The latest version of every definition, ordered by key. */
export async function listLatestRecords(store: Store): Promise<DefinitionRecord[]> {
  const all = await records(store).find({}, { sort: { key: 1, version: -1 } });
  const latest = new Map<string, DefinitionRecord>();
  for (const record of all) if (!latest.has(record.key)) latest.set(record.key, record);
  return [...latest.values()];
}

/** Every version of one definition, newest first (for the designer's version list). */
export async function listVersions(store: Store, key: string): Promise<DefinitionRecord[]> {
  return records(store).find({ key }, { sort: { version: -1 } });
}

export function summaryOf(record: DefinitionRecord): DefinitionSummary {
  return {
    key: record.key,
    version: record.version,
    title: record.definition.title,
    category: record.definition.category,
    source: record.source,
    publishedAt: record.publishedAt,
    ...(record.definition.archived ? { archived: true as const } : {}),
  };
}

/** Inserts one version; a concurrent publish of the same version number is a 409. */
export type NewDefinitionRecord = Pick<
  DefinitionRecord,
  'key' | 'version' | 'definition' | 'source' | 'publishedBy' | 'publishedAt'
>;

export async function insertVersion(store: Store, record: NewDefinitionRecord): Promise<DefinitionRecord> {
  try {
    return await records(store).insertOne({ ...record, _id: definitionRecordId(record.key, record.version) });
  } catch (err) {
    if (err instanceof DuplicateKeyError) {
      throw messageError(
        'VERSION_CONFLICT.definition_published_meanwhile',
        { key: record.key, version: record.version },
        { cause: err },
      );
    }
    throw err;
  }
}
