// A per-collection fingerprint to compare two copies of a data set (migration,
// copy to/from MongoDB): the document count and a SHA-256 over the sorted
// hashes of each document's canonical JSON (keys sorted, Dates and NaN tagged
// as in backups), so neither key order nor document order matters.
import { createHash } from 'node:crypto';
import type { StoredDoc } from '../types';
import { encodeValue } from './codec';

export interface CollectionSum {
  documents: number;
  sha256: string;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, canonical(obj[k])]),
  );
}

export const docHash = (doc: StoredDoc): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(encodeValue(doc))))
    .digest('hex');

export function createSummer(): { add(doc: StoredDoc): void; sum(): CollectionSum } {
  const hashes: string[] = [];
  return {
    add: (doc) => {
      hashes.push(docHash(doc));
    },
    sum() {
      const all = createHash('sha256');
      for (const h of hashes.sort()) all.update(h);
      return { documents: hashes.length, sha256: all.digest('hex') };
    },
  };
}

export async function sumDocs(docs: Iterable<StoredDoc> | AsyncIterable<StoredDoc>): Promise<CollectionSum> {
  const summer = createSummer();
  for await (const doc of docs) summer.add(doc);
  return summer.sum();
}

/** Names of the collections whose count or checksum differ between two summaries. */
export function differences(a: Record<string, CollectionSum>, b: Record<string, CollectionSum>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter(
    (n) =>
      (a[n]?.documents ?? 0) !== (b[n]?.documents ?? 0) || (a[n]?.documents ? a[n].sha256 !== b[n]?.sha256 : false),
  );
}
