// The index catalogue: the specs of every collection's indexes, read once at open
// and kept in step inside the write transactions that change them, so every
// later write in the same transaction maintains a new index too.
import type { IndexSpec } from '../types';
import type { IndexMeta, LmdbHandles } from './env';
import { MAX } from './keys';

export type Catalog = Map<string, Map<string, IndexMeta>>;

export function loadCatalog(db: LmdbHandles): Catalog {
  const catalog: Catalog = new Map();
  for (const { key, value } of db.meta.getRange({ start: ['index'], end: ['index', MAX] })) {
    const [, collection, name] = key as [string, string, string];
    const meta = value as IndexMeta;
    indexesOf(catalog, collection).set(name, meta);
  }
  return catalog;
}

export function indexesOf(catalog: Catalog, collection: string): Map<string, IndexMeta> {
  let indexes = catalog.get(collection);
  if (!indexes) {
    indexes = new Map();
    catalog.set(collection, indexes);
  }
  return indexes;
}

export const sameSpec = (a: IndexSpec, b: IndexSpec): boolean =>
  JSON.stringify(a.keys) === JSON.stringify(b.keys) && Boolean(a.unique) === Boolean(b.unique);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isIndexSpec(v: unknown): v is IndexSpec {
  if (!isObject(v) || typeof v.name !== 'string' || v.name.length === 0 || !isObject(v.keys)) return false;
  if (v.unique !== undefined && typeof v.unique !== 'boolean') return false;
  const keys = Object.values(v.keys);
  return keys.length > 0 && keys.every((k) => k === 1 || k === -1);
}
