// The embedded store: zero set-up, on disk under DATA_DIR, for a shop on one PC.
// All documents live in memory (rebuilt at open from the last snapshot plus the
// write-ahead log); every acknowledged write is fsynced to the log first, so it
// survives a crash or kill -9. One process per directory (lock file).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Collection, Store, StoredDoc } from '../types';
import { embeddedCollection, type StoreContext } from './collection';
import { loadDataDir } from './load';
import { acquireLock } from './lock';
import { openPersistence, type Persistence } from './persistence';
import type { StoreState } from './state';
import { rebuildUniqueIndexes } from './unique-index';

export interface EmbeddedStoreOptions {
  dataDir: string;
  /** fdatasync every write batch before acknowledging it (default true). Off only for throwaway data. */
  fsync?: boolean;
  /** Compact once the log holds this many bytes and more than the snapshot (default 8 MiB). */
  compactAfterBytes?: number;
}

const DEFAULT_COMPACT_AFTER = 8 * 1024 * 1024;

async function openFiles(dir: string, options: EmbeddedStoreOptions): Promise<{ state: StoreState; persistence: Persistence }> {
  const loaded = await loadDataDir(dir, { repair: true });
  for (const coll of loaded.state.values()) rebuildUniqueIndexes(coll);
  const persistence = await openPersistence({
    dir,
    state: loaded.state,
    loaded,
    fsync: options.fsync ?? true,
    compactAfterBytes: options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER,
  });
  return { state: loaded.state, persistence };
}

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const dir = path.resolve(options.dataDir);
  await mkdir(dir, { recursive: true });
  const lock = await acquireLock(dir);
  let opened: { state: StoreState; persistence: Persistence };
  try {
    opened = await openFiles(dir, options);
  } catch (err) {
    await lock.release();
    throw err;
  }
  const { state, persistence } = opened;
  let closed: Promise<void> | null = null;

  const ctx: StoreContext = {
    state,
    persist: (records) => persistence.persist(records),
    assertUsable() {
      if (closed) throw new Error(`the store in ${dir} is closed`);
      if (persistence.failure) {
        throw new Error(`the store in ${dir} stopped after a disk write failed: ${persistence.failure.message}`);
      }
    },
  };
  const collections = new Map<string, Collection>();

  return {
    kind: 'embedded',
    collection<T extends StoredDoc = StoredDoc>(name: string): Collection<T> {
      if (typeof name !== 'string' || name.length === 0) throw new TypeError('a collection needs a non-empty name');
      let coll = collections.get(name);
      if (!coll) {
        coll = embeddedCollection(ctx, name);
        collections.set(name, coll);
      }
      return coll as unknown as Collection<T>;
    },
    async ping() {
      return !closed && !persistence.failure;
    },
    close() {
      closed ??= persistence.close().finally(() => lock.release());
      return closed;
    },
  };
}
