// Before publishing: for the documents on older versions, how many would validate
// under the new version and which would not, and why. Nothing is changed; documents
// keep the version they were created under.
import type { FieldError } from '../errors';
import { latestRecord, type DefinitionRegistry } from '../definitions/index';
import { documentsCollection } from '../documents/index';
import type { Store } from '../store/index';
import { compileDraft } from './draft';

export interface UpgradeReport {
  nextVersion: number;
  versions: Array<{ version: number; documents: number; valid: number }>;
  /** The first failures (at most `limit`), with the errors under the new version. */
  failures: Array<{ id: string; number: string; version: number; errors: FieldError[] }>;
}

export async function upgradeDryRun(
  store: Store,
  registry: DefinitionRegistry,
  input: { key: string; definition: unknown; limit?: number },
): Promise<UpgradeReport> {
  const previous = await latestRecord(store, input.key);
  const nextVersion = (previous?.version ?? 0) + 1;
  const compiled = compileDraft(registry, { ...(input.definition as object), key: input.key }, nextVersion);
  const limit = input.limit ?? 20;
  const versions = new Map<number, { documents: number; valid: number }>();
  const failures: UpgradeReport['failures'] = [];
  // Every document is read once; a shop's document count per type fits a dry run an admin asks for.
  for (const doc of await documentsCollection(store, input.key).find({})) {
    const row = versions.get(doc.definitionVersion) ?? { documents: 0, valid: 0 };
    versions.set(doc.definitionVersion, row);
    row.documents += 1;
    // The validator fills defaults into what it checks: give it a copy.
    const errors = compiled.validate(structuredClone(doc.data));
    if (errors.length === 0) row.valid += 1;
    else if (failures.length < limit)
      failures.push({ id: doc._id, number: doc.number, version: doc.definitionVersion, errors });
  }
  return {
    nextVersion,
    versions: [...versions].sort(([a], [b]) => a - b).map(([version, r]) => ({ version, ...r })),
    failures,
  };
}
