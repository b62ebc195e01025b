// The LMDB environment under DATA_DIR/lmdb: three named databases.
//   docs   [collection, _id] → the document as JSON text (codec.ts: Dates and
//          NaN/Infinity tagged, exactly what backups hold)
//   index  [collection, index, tag, value, …, _id] → empty; one entry per document per index
//   meta   ['index', collection, name] → {spec, multikey}; ['migration'] → how the store began
// LMDB commits a write transaction atomically and, with its default sync mode,
// durably before the commit resolves; a crash (kill -9, power loss) leaves the
// last committed transaction, with no recovery step of ours.
import path from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { IndexSpec } from '../types';
import type { LmdbKey } from './keys';

export const LMDB_DIR = 'lmdb';

export interface IndexMeta {
  spec: IndexSpec;
  /** Some document held an array or object at an indexed field: the index no longer serves queries. */
  multikey: boolean;
}

export interface LmdbHandles {
  env: RootDatabase;
  docs: Database<string, LmdbKey>;
  index: Database<string, LmdbKey>;
  meta: Database<unknown, LmdbKey>;
}

export function openLmdb(dataDir: string, options: { fsync?: boolean; readOnly?: boolean } = {}): LmdbHandles {
  const env = open({
    path: path.join(dataDir, LMDB_DIR),
    maxDbs: 8,
    // Commit resolves only once the transaction is on disk (overlappingSync would
    // resolve at commit and flush afterwards); the same on every platform.
    overlappingSync: false,
    noSync: options.fsync === false,
    readOnly: options.readOnly ?? false,
  });
  return {
    env,
    docs: env.openDB<string, LmdbKey>({ name: 'docs', encoding: 'string' }),
    index: env.openDB<string, LmdbKey>({ name: 'index', encoding: 'string' }),
    meta: env.openDB<unknown, LmdbKey>({ name: 'meta', encoding: 'json' }),
  };
}
