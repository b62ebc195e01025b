// One collection of the embedded store. Reads run against an LMDB read snapshot;
// every write runs its match, checks and changes inside one LMDB write
// transaction (a child transaction, so an error undoes all of it), which makes
// findOneAndUpdate a true compare-and-set: nothing can change the document
// between the match and the write, and the document and its index entries are
// committed together.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Aggregator } from 'mingo';
import { DuplicateKeyError } from '../../errors';
import type {
  Collection,
  Filter,
  FindOptions,
  IndexSpec,
  PipelineStage,
  StoredDoc,
  Update,
  UpdateOptions,
} from '../types';
import { newId } from '../ids';
import { indexesOf, isIndexSpec, sameSpec } from './catalog';
import { cloneValue } from './codec';
import { checkUnique, decodeDoc, putDoc, readDoc, removeDoc, type ReadTxn, type StoreHandles } from './entries';
import { countAll, runFind, type Explain } from './execute';
import { indexKey, MAX, uniqueIdentity } from './keys';
import { applyUpdate, buildUpsert } from './update';

export interface StoreContext {
  readonly db: StoreHandles;
  /** Runs `fn`, a write to `collection` (or to each of several), in a write transaction; resolves once it is committed to disk. */
  write<R>(collection: string | string[], fn: () => R): Promise<R>;
  /** Runs `fn` against one consistent read snapshot. */
  read<R>(fn: (txn: ReadTxn) => R): R;
  record(explain: Explain): void;
}

const CURSOR_BATCH = 500;
const OPTIONS = { scriptEnabled: false } as const;

export function prepareInsert(doc: Record<string, unknown>): StoredDoc {
  const { _id, ...rest } = cloneValue(doc);
  const id = _id === undefined ? newId() : _id;
  if (typeof id !== 'string' || id.length === 0) throw new TypeError('_id must be a non-empty string');
  return { _id: id, ...rest };
}

function findIn(ctx: StoreContext, name: string, filter: Filter, options: FindOptions, txn: ReadTxn): StoredDoc[] {
  const { docs, explain } = runFind(ctx.db, name, filter, options, txn);
  ctx.record(explain);
  return docs;
}

/** Inside a write transaction: the first match of `name` updated (or upserted), or null. */
export function updateFirstIn(
  ctx: StoreContext,
  name: string,
  filter: Filter,
  update: Update,
  upsert: boolean,
): StoredDoc | null {
  const { db } = ctx;
  const [found] = findIn(ctx, name, filter, { limit: 1 }, undefined);
  if (found) {
    const { doc, changed } = applyUpdate(found, update, filter);
    if (!changed) return found;
    checkUnique(db, name, doc, found);
    putDoc(db, name, doc, found);
    return doc;
  }
  if (!upsert) return null;
  const doc = buildUpsert(filter, update);
  checkUnique(db, name, doc);
  putDoc(db, name, doc);
  return doc;
}

/** Inside a write transaction: deletes the first match of `name`; whether there was one. */
export function deleteFirstIn(ctx: StoreContext, name: string, filter: Filter): boolean {
  const [doc] = findIn(ctx, name, filter, { limit: 1 }, undefined);
  if (doc) removeDoc(ctx.db, name, doc);
  return doc !== undefined;
}

function isMatchStage(stage: PipelineStage): boolean {
  const keys = Object.keys(stage);
  return keys.length === 1 && keys[0] === '$match';
}

export function embeddedCollection<T extends StoredDoc>(ctx: StoreContext, name: string): Collection<T> {
  const { db } = ctx;
  const find = (filter: Filter, options: FindOptions, txn: ReadTxn): StoredDoc[] =>
    findIn(ctx, name, filter, options, txn);
  const updateFirst = (filter: Filter, update: Update, upsert: boolean): StoredDoc | null =>
    updateFirstIn(ctx, name, filter, update, upsert);

  /** Many-document writes keep what was done before an error, as MongoDB does; the error is raised after the commit. */
  async function writeMany<R>(fn: () => { result: R; failure?: unknown }): Promise<R> {
    const { result, failure } = await ctx.write(name, fn);
    if (failure !== undefined) throw failure;
    return result;
  }

  function buildIndex(spec: IndexSpec): void {
    const indexes = indexesOf(db.catalog, name);
    const existing = indexes.get(spec.name);
    if (existing) {
      if (sameSpec(existing.spec, spec)) return;
      throw new TypeError(`index ${spec.name} on ${name} already exists with other keys or options`);
    }
    const seen = spec.unique ? new Set<string>() : null;
    let multikey = false;
    for (const { value } of db.docs.getRange({ start: [name], end: [name, MAX] })) {
      const doc = decodeDoc(value);
      if (seen) {
        const identity = uniqueIdentity(doc, spec);
        if (seen.has(identity)) throw new DuplicateKeyError(name, spec.name);
        seen.add(identity);
      }
      const { key, complex } = indexKey(name, spec, doc);
      multikey ||= complex;
      db.index.putSync(key, '');
    }
    const meta = { spec, multikey };
    db.meta.putSync(['index', name, spec.name], meta);
    indexes.set(spec.name, meta);
  }

  return {
    name,

    async insertOne(doc) {
      const stored = prepareInsert(doc);
      await ctx.write(name, () => {
        checkUnique(db, name, stored);
        putDoc(db, name, stored);
      });
      return stored as T;
    },

    async insertMany(docs) {
      const prepared = docs.map((doc) => prepareInsert(doc));
      return writeMany(() => {
        const stored: StoredDoc[] = [];
        try {
          for (const doc of prepared) {
            checkUnique(db, name, doc);
            putDoc(db, name, doc);
            stored.push(doc);
          }
        } catch (failure) {
          // Ordered insert, as in MongoDB: the documents before this one stay.
          return { result: stored as T[], failure };
        }
        return { result: stored as T[] };
      });
    },

    async findById(id) {
      return ctx.read((txn) => (readDoc(db, name, id, txn) as T | undefined) ?? null);
    },

    async findOne(filter, options = {}) {
      return ctx.read((txn) => (find(filter, { ...options, limit: 1 }, txn)[0] as T | undefined) ?? null);
    },

    async find(filter, options = {}) {
      return ctx.read((txn) => find(filter, options, txn) as T[]);
    },

    cursor(filter: Filter, options: FindOptions = {}): AsyncIterable<T> {
      return {
        async *[Symbol.asyncIterator]() {
          const docs = ctx.read((txn) => find(filter, options, txn));
          for (let i = 0; i < docs.length; i += 1) {
            if (i > 0 && i % CURSOR_BATCH === 0) await yieldToEventLoop();
            yield docs[i] as T;
          }
        },
      };
    },

    async count(filter = {}) {
      if (Object.keys(filter).length === 0) return ctx.read((txn) => countAll(db, name, txn));
      return ctx.read((txn) => find(filter, {}, txn).length);
    },

    async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}) {
      return (await ctx.write(name, () => updateFirst(filter, update, options.upsert ?? false))) as T | null;
    },

    async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}) {
      return (await ctx.write(name, () => updateFirst(filter, update, options.upsert ?? false))) !== null;
    },

    async updateMany(filter, update) {
      return writeMany(() => {
        const found = find(filter, {}, undefined);
        try {
          for (const prev of found) {
            const { doc, changed } = applyUpdate(prev, update, filter);
            if (!changed) continue;
            checkUnique(db, name, doc, prev);
            putDoc(db, name, doc, prev);
          }
        } catch (failure) {
          // As in MongoDB: the documents updated before this one stay updated.
          return { result: found.length, failure };
        }
        return { result: found.length };
      });
    },

    async deleteOne(filter) {
      return ctx.write(name, () => deleteFirstIn(ctx, name, filter));
    },

    async deleteMany(filter) {
      return ctx.write(name, () => {
        const found = find(filter, {}, undefined);
        for (const doc of found) removeDoc(db, name, doc);
        return found.length;
      });
    },

    async createIndex(spec) {
      if (!isIndexSpec(spec)) throw new TypeError(`invalid index spec ${JSON.stringify(spec)}`);
      const stored = cloneValue(spec);
      const known = indexesOf(db.catalog, name).get(stored.name);
      if (known && sameSpec(known.spec, stored)) return;
      await ctx.write(name, () => buildIndex(stored));
    },

    async aggregate<R>(pipeline: PipelineStage[]) {
      let first = 0;
      while (first < pipeline.length && isMatchStage(pipeline[first])) first += 1;
      const matches = pipeline.slice(0, first).map((stage) => stage.$match as Filter);
      const filter: Filter = matches.length === 0 ? {} : matches.length === 1 ? matches[0] : { $and: matches };
      const docs = ctx.read((txn) => find(filter, {}, txn));
      const rest = pipeline.slice(first);
      if (rest.length === 0) return docs as R[];
      return new Aggregator(rest, OPTIONS).run(docs) as R[];
    },
  };
}
