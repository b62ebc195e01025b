// Turns a driver error for a unique-index violation into DuplicateKeyError.
// MongoDB reports code 11000 with "index: NAME" in the message. FerretDB 1.24
// (SQLite) reports 11000 without the index name on inserts, and code 1
// "UNIQUE constraint failed: index 'TABLE_HASH_NAME'" on updates, so the index
// name is recovered from the collection's own index list.
import { MongoBulkWriteError, MongoServerError, type Collection as MongoCollection, type Document } from 'mongodb';
import type { StoredDoc } from '../types';
import { DuplicateKeyError } from '../../errors';

const SQLITE_UNIQUE = /UNIQUE constraint failed: index '([^']+)'/;

export function isDuplicateKey(err: unknown): err is MongoServerError {
  if (!(err instanceof MongoServerError)) return false;
  return err.code === 11000 || SQLITE_UNIQUE.test(err.message);
}

interface IndexInfo {
  name: string;
  key: Record<string, unknown>;
  unique: boolean;
}

async function uniqueIndexes(collection: MongoCollection<StoredDoc>): Promise<IndexInfo[]> {
  const all = (await collection.listIndexes().toArray()) as Array<Partial<IndexInfo>>;
  return all
    .filter((ix) => ix.name === '_id_' || ix.unique === true)
    .map((ix) => ({ name: String(ix.name), key: ix.key ?? {}, unique: true }));
}

function valueAt(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Finds the unique index on which `doc` collides with a stored document. */
async function collidingIndex(collection: MongoCollection<StoredDoc>, doc: Document): Promise<string | undefined> {
  for (const ix of await uniqueIndexes(collection)) {
    const filter: Document = {};
    for (const field of Object.keys(ix.key)) filter[field] = valueAt(doc, field) ?? null;
    if (await collection.findOne(filter, { projection: { _id: 1 } })) return ix.name;
  }
  return undefined;
}

function failingDoc(err: MongoServerError, docs: readonly Document[]): Document | undefined {
  if (docs.length === 1) return docs[0];
  if (err instanceof MongoBulkWriteError) {
    const first = Array.isArray(err.writeErrors) ? err.writeErrors[0] : err.writeErrors;
    if (first) return docs[first.index];
  }
  return undefined;
}

async function indexName(
  err: MongoServerError,
  collection: MongoCollection<StoredDoc>,
  docs: readonly Document[],
): Promise<string> {
  const named = /index: (\S+)/.exec(err.message)?.[1];
  if (named) return named;
  const sqliteName = SQLITE_UNIQUE.exec(err.message)?.[1];
  if (sqliteName) {
    const matches = (await uniqueIndexes(collection))
      .map((ix) => ix.name)
      .filter((name) => sqliteName.endsWith(`_${name}`))
      .sort((a, b) => b.length - a.length);
    return matches[0] ?? sqliteName;
  }
  const doc = failingDoc(err, docs);
  return (doc && (await collidingIndex(collection, doc))) ?? 'unknown';
}

/**
 * Rethrows a unique-index violation as DuplicateKeyError, anything else as is.
 * On FerretDB the index is named from `index` when the caller knows it (index
 * creation), else found from `docs`, the documents being written.
 */
export async function rethrowDuplicate(
  err: unknown,
  collection: MongoCollection<StoredDoc>,
  hint: { docs?: readonly Document[]; index?: string } = {},
): Promise<never> {
  if (!isDuplicateKey(err)) throw err;
  let index = hint.index;
  try {
    index ??= await indexName(err, collection, hint.docs ?? []);
  } catch {
    // Naming the index is a courtesy; the duplicate itself (kept as `cause`) is the error to report.
    index = 'unknown';
  }
  throw new DuplicateKeyError(collection.collectionName, index, err);
}
