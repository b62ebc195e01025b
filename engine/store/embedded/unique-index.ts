// Unique indexes, kept in memory and checked before a write is applied. As in
// MongoDB, a missing field indexes as null, so two documents without the field
// collide. Arrays index as their whole value (no multikey expansion).
import { resolve } from 'mingo/util';
import { DuplicateKeyError } from '../../errors';
import type { IndexSpec, StoredDoc } from '../types';
import { encodeValue } from './codec';
import type { CollectionState } from './state';

const isPlainScalar = (v: unknown): boolean =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

export function indexKey(doc: StoredDoc, spec: IndexSpec): string {
  const values = Object.keys(spec.keys).map((field) => resolve(doc, field) ?? null);
  // Scalars encode to themselves, so the fast path gives the same key as the full one.
  return JSON.stringify(values.every(isPlainScalar) ? values : encodeValue(values));
}

/** Builds a unique index over the documents already stored; duplicates refuse the index. */
export function buildUniqueIndex(coll: CollectionState, spec: IndexSpec): Map<string, string> {
  const entries = new Map<string, string>();
  for (const doc of coll.docs.values()) {
    const key = indexKey(doc, spec);
    if (entries.has(key)) throw new DuplicateKeyError(coll.name, spec.name);
    entries.set(key, doc._id);
  }
  return entries;
}

export function rebuildUniqueIndexes(coll: CollectionState): void {
  coll.unique.clear();
  for (const spec of coll.specs.values()) {
    if (spec.unique) coll.unique.set(spec.name, buildUniqueIndex(coll, spec));
  }
}

/** Throws DuplicateKeyError when `next` (replacing `prev`, if any) would break an index. */
export function checkUnique(coll: CollectionState, next: StoredDoc, prev?: StoredDoc): void {
  const existing = coll.docs.get(next._id);
  if (!prev && existing) throw new DuplicateKeyError(coll.name, '_id_');
  for (const [name, entries] of coll.unique) {
    const spec = coll.specs.get(name) as IndexSpec;
    const owner = entries.get(indexKey(next, spec));
    if (owner !== undefined && owner !== next._id) throw new DuplicateKeyError(coll.name, name);
  }
}

/** Stores `next` in place of `prev` (or as new), keeping unique indexes in step. Call checkUnique first. */
export function putDoc(coll: CollectionState, next: StoredDoc, prev?: StoredDoc): void {
  for (const [name, entries] of coll.unique) {
    const spec = coll.specs.get(name) as IndexSpec;
    if (prev) entries.delete(indexKey(prev, spec));
    entries.set(indexKey(next, spec), next._id);
  }
  coll.docs.set(next._id, next);
}

export function removeDoc(coll: CollectionState, doc: StoredDoc): void {
  for (const [name, entries] of coll.unique) {
    entries.delete(indexKey(doc, coll.specs.get(name) as IndexSpec));
  }
  coll.docs.delete(doc._id);
}
