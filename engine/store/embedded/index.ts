// The embedded store: zero set-up, on disk under DATA_DIR, for a shop on one PC.
// Documents and their index entries live in LMDB (env.ts): read from disk (the
// OS page cache), not held in memory; every acknowledged write is committed and
// synced first, so it survives a crash or kill -9. One engine process per
// directory (lock.ts, and docs/architecture.md for why). A directory written by
// the earlier snapshot + log format is converted on first open (migrate.ts).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Collection, Store, StoredDoc, StoreInserts } from '../types';
import { loadCatalog } from './catalog';
import { deleteFirstIn, embeddedCollection, prepareInsert, updateFirstIn, type StoreContext } from './collection';
import { checkUnique, putDoc, type StoreHandles } from './entries';
import { openLmdb } from './env';
import { acquireLock } from './lock';
import { migrateIfNeeded } from './migrate';
import { createPlanLog, registerPlans } from './plans';

export { queryPlans, type QueryPlans } from './plans';
export type { Explain } from './execute';

export interface EmbeddedStoreOptions {
  dataDir: string;
  /** Sync every commit to disk before acknowledging it (default true). Off only for throwaway data. */
  fsync?: boolean;
}

function collectionName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('a collection needs a non-empty name');
  return name;
}

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const dir = path.resolve(options.dataDir);
  await mkdir(dir, { recursive: true });
  const lock = await acquireLock(dir);
  let db: StoreHandles;
  try {
    await migrateIfNeeded(dir);
    const handles = openLmdb(dir, { fsync: options.fsync });
    db = { ...handles, catalog: loadCatalog(handles) };
  } catch (err) {
    await lock.release();
    throw err;
  }
  let closed: Promise<void> | null = null;
  let failure: Error | null = null;
  const plans = createPlanLog();
  const assertUsable = (): void => {
    if (closed) throw new Error(`the store in ${dir} is closed`);
    if (failure) throw new Error(`the store in ${dir} stopped after a disk write failed: ${failure.message}`);
  };

  // Writes per collection, counted once committed (or undone): what readThrough's answers are kept against.
  const writes = new Map<string, number>();
  // Answers per collection; a write drops its collection's, so they hold only what was asked since.
  const kept = new Map<string, Map<string, { writes: number; answer: Promise<unknown> }>>();

  const prepareInserts = (docs: StoreInserts) =>
    docs.map(({ collection, doc }) => ({ collection: collectionName(collection), doc: prepareInsert(doc) }));
  /** Inside a write transaction; a clash throws, which undoes the whole transaction. */
  const putAll = (prepared: StoreInserts): void => {
    for (const { collection, doc } of prepared) {
      checkUnique(db, collection, doc);
      putDoc(db, collection, doc);
    }
  };

  const ctx: StoreContext = {
    db,
    async write(collection, fn) {
      assertUsable();
      let threw = false;
      try {
        return await db.env.childTransaction(() => {
          try {
            return fn();
          } catch (err) {
            threw = true;
            throw err;
          }
        });
      } catch (err) {
        // An error of ours undid its transaction; any other is the commit failing.
        if (!threw) failure ??= err as Error;
        throw err;
      } finally {
        // After the commit: a load that began before it was kept against the old count and is not used again.
        for (const name of typeof collection === 'string' ? [collection] : collection) {
          writes.set(name, (writes.get(name) ?? 0) + 1);
          kept.delete(name);
        }
      }
    },
    read(fn) {
      assertUsable();
      // No transaction of our own: lmdb's shared read transaction keeps one snapshot
      // until a timer of its own renews it, and `fn` is synchronous, so every read in
      // it sees the same snapshot. Range reads then reuse lmdb's cursor; with a
      // transaction passed, each opened a new one (about 6 % of a cycle's CPU).
      return fn(undefined);
    },
    record: (explain) => plans.record(explain),
  };
  const collections = new Map<string, Collection>();

  const store: Store = {
    kind: 'embedded',
    collection<T extends StoredDoc = StoredDoc>(name: string): Collection<T> {
      collectionName(name);
      let coll = collections.get(name);
      if (!coll) {
        coll = embeddedCollection(ctx, name);
        collections.set(name, coll);
      }
      return coll as unknown as Collection<T>;
    },
    readThrough<T>(collection: string, key: string, load: () => Promise<T>): Promise<T> {
      const at = writes.get(collection) ?? 0;
      let answers = kept.get(collection);
      if (!answers) kept.set(collection, (answers = new Map()));
      const known = answers.get(key);
      if (known && known.writes === at) return known.answer as Promise<T>;
      const answer = load();
      const held = answers;
      held.set(key, { writes: at, answer });
      answer.catch(() => {
        if (held.get(key)?.answer === answer) held.delete(key);
      });
      return answer;
    },
    async insertTogether(docs) {
      const prepared = prepareInserts(docs);
      // One transaction: a clash on the last document undoes the first ones too.
      await ctx.write(
        prepared.map((p) => p.collection),
        () => putAll(prepared),
      );
      return prepared.map((p) => p.doc);
    },
    async updateAndInsert(change, docs, deletes = []) {
      const target = collectionName(change.collection);
      const given = typeof docs === 'function' ? null : prepareInserts(docs);
      const removals = deletes.map((d) => ({ collection: collectionName(d.collection), filter: d.filter }));
      // Read by ctx.write after the commit, so the collections of built documents are added inside.
      const touched = [target, ...(given ?? []).map((p) => p.collection), ...removals.map((r) => r.collection)];
      return ctx.write(touched, () => {
        const updated = updateFirstIn(ctx, target, change.filter, change.update, change.upsert ?? false);
        if (!updated) return null;
        const prepared = given ?? prepareInserts((docs as (updated: StoredDoc) => StoreInserts)(updated));
        if (!given) touched.push(...prepared.map((p) => p.collection));
        putAll(prepared);
        for (const { collection, filter } of removals) deleteFirstIn(ctx, collection, filter);
        return updated;
      });
    },
    async ping() {
      return !closed && !failure;
    },
    close() {
      closed ??= db.env.close().finally(() => lock.release());
      return closed;
    },
  };
  registerPlans(store, plans);
  return store;
}
