// What the designer's definition list shows: every definition with all its
// versions, how many documents each version holds, where it came from, and the
// linter's verdict on the latest version.
import {
  checkDefinition,
  listLatestRecords,
  listVersions,
  type Definition,
  type DefinitionRegistry,
} from '../definitions/index';
import { documentsCollection } from '../documents/index';
import type { Store } from '../store/index';

export interface VersionRow {
  version: number;
  source: string;
  publishedAt: Date;
  publishedBy: { id: string; username: string } | null;
  documents: number;
}

export interface DefinitionOverview {
  key: string;
  title: Definition['title'];
  category: Definition['category'];
  latest: number;
  source: string;
  versions: VersionRow[];
  lint: { errors: number; warnings: number };
}

/** Documents per definition version of one type (one grouped count, not one query per version). */
export async function documentsPerVersion(store: Store, key: string): Promise<Map<number, number>> {
  const rows = await documentsCollection(store, key).aggregate<{ _id: number; n: number }>([
    { $group: { _id: '$definitionVersion', n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [r._id, r.n]));
}

export async function definitionOverview(store: Store, registry: DefinitionRegistry): Promise<DefinitionOverview[]> {
  const latest = await listLatestRecords(store);
  return Promise.all(
    latest.map(async (record) => {
      const [versions, counts, findings] = await Promise.all([
        listVersions(store, record.key),
        documentsPerVersion(store, record.key),
        checkDefinition(registry, record.definition),
      ]);
      return {
        key: record.key,
        title: record.definition.title,
        category: record.definition.category,
        latest: record.version,
        source: record.source,
        versions: versions.map((v) => ({
          version: v.version,
          source: v.source,
          publishedAt: v.publishedAt,
          publishedBy: v.publishedBy,
          documents: counts.get(v.version) ?? 0,
        })),
        lint: {
          errors: findings.filter((f) => f.severity === 'error').length,
          warnings: findings.filter((f) => f.severity === 'warning').length,
        },
      };
    }),
  );
}
