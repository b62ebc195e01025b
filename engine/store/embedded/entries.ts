// Reading and writing one document together with its index entries. The write
// functions run inside an LMDB write transaction (collection.ts), so a document
// and its entries change together or not at all; checks come before any change.
import type { Transaction } from 'lmdb';
import { DuplicateKeyError } from '../../errors';
import type { StoredDoc } from '../types';
import { indexesOf, type Catalog } from './catalog';
import { decodeValue, encodeValue } from './codec';
import type { LmdbHandles } from './env';
import { docKey, indexKey, MAX, sameKey, uniqueIdentity } from './keys';

export interface StoreHandles extends LmdbHandles {
  catalog: Catalog;
}

export type ReadTxn = Transaction | undefined;

const inTxn = (txn: ReadTxn) => (txn ? { transaction: txn } : undefined);

export const encodeDoc = (doc: StoredDoc): string => JSON.stringify(encodeValue(doc));
export const decodeDoc = (text: string): StoredDoc => decodeValue(JSON.parse(text)) as StoredDoc;

export function readDoc(db: LmdbHandles, collection: string, id: string, txn?: ReadTxn): StoredDoc | undefined {
  const text = db.docs.get(docKey(collection, id), inTxn(txn));
  return text === undefined ? undefined : decodeDoc(text);
}

/** Throws DuplicateKeyError when `next` (replacing `prev`, if any) would break the _id or a unique index. */
export function checkUnique(db: StoreHandles, collection: string, next: StoredDoc, prev?: StoredDoc): void {
  if (!prev && db.docs.doesExist(docKey(collection, next._id))) throw new DuplicateKeyError(collection, '_id_');
  for (const { spec } of indexesOf(db.catalog, collection).values()) {
    if (!spec.unique) continue;
    const identity = uniqueIdentity(next, spec);
    // An update that leaves the indexed values as they were cannot make a clash that was not there.
    if (prev && uniqueIdentity(prev, spec) === identity) continue;
    const prefix = indexKey(collection, spec, next).key.slice(0, -1);
    for (const key of db.index.getKeys({ start: prefix, end: [...prefix, MAX] })) {
      const owner = key.at(-1) as string;
      if (owner === next._id) continue;
      // Same cut key: compare the whole values (long strings share a prefix).
      const other = readDoc(db, collection, owner);
      if (other && uniqueIdentity(other, spec) === identity) throw new DuplicateKeyError(collection, spec.name);
    }
  }
}

/** Stores `next` in place of `prev` (or as new) with its index entries. Call checkUnique first. */
export function putDoc(db: StoreHandles, collection: string, next: StoredDoc, prev?: StoredDoc): void {
  db.docs.putSync(docKey(collection, next._id), encodeDoc(next));
  for (const meta of indexesOf(db.catalog, collection).values()) {
    const after = indexKey(collection, meta.spec, next);
    const before = prev ? indexKey(collection, meta.spec, prev).key : undefined;
    if (before && sameKey(before, after.key)) continue;
    if (before) db.index.removeSync(before);
    db.index.putSync(after.key, '');
    if (after.complex && !meta.multikey) {
      meta.multikey = true;
      db.meta.putSync(['index', collection, meta.spec.name], meta);
    }
  }
}

export function removeDoc(db: StoreHandles, collection: string, doc: StoredDoc): void {
  db.docs.removeSync(docKey(collection, doc._id));
  for (const meta of indexesOf(db.catalog, collection).values())
    db.index.removeSync(indexKey(collection, meta.spec, doc).key);
}
