// One collection of the embedded store. Every write does its match, checks and
// change synchronously, then awaits the log flush: two calls in this process can
// never interleave between match and apply, which makes findOneAndUpdate a true
// compare-and-set.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Collection, Filter, FindOptions, IndexSpec, StoredDoc, Update, UpdateOptions } from '../types';
import { newId } from '../ids';
import { cloneValue } from './codec';
import { findShared, matching, runAggregate, runCount } from './query';
import { isIndexSpec } from './records';
import { collectionFor, type LogRecord, type StoreState } from './state';
import { buildUniqueIndex, checkUnique, putDoc, removeDoc } from './unique-index';
import { applyUpdate, buildUpsert } from './update';

export interface StoreContext {
  readonly state: StoreState;
  persist(records: LogRecord[]): Promise<void>;
  /** Throws when the store is closed or stopped after a disk error. */
  assertUsable(): void;
}

/** Yield to the event loop this often while streaming, so a long scan does not stall requests. */
const CURSOR_BATCH = 500;

function prepareInsert(doc: Record<string, unknown>): StoredDoc {
  const { _id, ...rest } = cloneValue(doc);
  const id = _id === undefined ? newId() : _id;
  if (typeof id !== 'string' || id.length === 0) throw new TypeError('_id must be a non-empty string');
  return { _id: id, ...rest };
}

const sameSpec = (a: IndexSpec, b: IndexSpec): boolean =>
  JSON.stringify(a.keys) === JSON.stringify(b.keys) && Boolean(a.unique) === Boolean(b.unique);

export function embeddedCollection<T extends StoredDoc>(ctx: StoreContext, name: string): Collection<T> {
  const current = () => ctx.state.get(name);
  const put = (doc: StoredDoc): LogRecord => ({ op: 'put', c: name, doc });
  const copy = (doc: StoredDoc) => cloneValue(doc) as T;

  /** Persists what was applied, then reports the error that stopped a multi-document write. */
  async function finish(records: LogRecord[], failure: unknown): Promise<void> {
    await ctx.persist(records);
    if (failure !== undefined) throw failure;
  }

  /** The synchronous half of findOneAndUpdate/updateOne. */
  function updateFirst(filter: Filter, update: Update, upsert: boolean): { doc: StoredDoc | null; records: LogRecord[] } {
    const coll = current();
    const [found] = matching(coll, filter, 1);
    if (found && coll) {
      const { doc, changed } = applyUpdate(found, update, filter);
      if (!changed) return { doc: found, records: [] };
      checkUnique(coll, doc, found);
      putDoc(coll, doc, found);
      return { doc, records: [put(doc)] };
    }
    if (!upsert) return { doc: null, records: [] };
    const doc = buildUpsert(filter, update);
    const target = collectionFor(ctx.state, name);
    checkUnique(target, doc);
    putDoc(target, doc);
    return { doc, records: [put(doc)] };
  }

  return {
    name,

    async insertOne(doc) {
      ctx.assertUsable();
      const stored = prepareInsert(doc);
      const coll = collectionFor(ctx.state, name);
      checkUnique(coll, stored);
      putDoc(coll, stored);
      await ctx.persist([put(stored)]);
      return copy(stored);
    },

    async insertMany(docs) {
      ctx.assertUsable();
      const coll = collectionFor(ctx.state, name);
      const stored: StoredDoc[] = [];
      let failure: unknown;
      try {
        for (const doc of docs) {
          const next = prepareInsert(doc);
          checkUnique(coll, next);
          putDoc(coll, next);
          stored.push(next);
        }
      } catch (err) {
        failure = err; // ordered insert, as in MongoDB: the documents before this one stay
      }
      await finish(stored.map(put), failure);
      return stored.map(copy);
    },

    async findById(id) {
      ctx.assertUsable();
      const doc = current()?.docs.get(id);
      return doc ? copy(doc) : null;
    },

    async findOne(filter, options = {}) {
      ctx.assertUsable();
      const [doc] = findShared(current(), filter, { ...options, limit: 1 });
      return doc ? copy(doc) : null;
    },

    async find(filter, options) {
      ctx.assertUsable();
      return findShared(current(), filter, options).map(copy);
    },

    cursor(filter: Filter, options?: FindOptions): AsyncIterable<T> {
      return {
        async *[Symbol.asyncIterator]() {
          ctx.assertUsable();
          const docs = findShared(current(), filter, options);
          for (let i = 0; i < docs.length; i += 1) {
            if (i > 0 && i % CURSOR_BATCH === 0) await yieldToEventLoop();
            yield copy(docs[i]);
          }
        },
      };
    },

    async count(filter) {
      ctx.assertUsable();
      return runCount(current(), filter);
    },

    async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}) {
      ctx.assertUsable();
      const { doc, records } = updateFirst(filter, update, options.upsert ?? false);
      await ctx.persist(records);
      return doc ? copy(doc) : null;
    },

    async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}) {
      ctx.assertUsable();
      const { doc, records } = updateFirst(filter, update, options.upsert ?? false);
      await ctx.persist(records);
      return doc !== null;
    },

    async updateMany(filter, update) {
      ctx.assertUsable();
      const coll = current();
      const found = matching(coll, filter);
      const records: LogRecord[] = [];
      let failure: unknown;
      try {
        for (const prev of found) {
          const { doc, changed } = applyUpdate(prev, update, filter);
          if (!changed || !coll) continue;
          checkUnique(coll, doc, prev);
          putDoc(coll, doc, prev);
          records.push(put(doc));
        }
      } catch (err) {
        failure = err; // as in MongoDB: the documents updated before this one stay updated
      }
      await finish(records, failure);
      return found.length;
    },

    async deleteOne(filter) {
      ctx.assertUsable();
      const coll = current();
      const [doc] = matching(coll, filter, 1);
      if (!doc || !coll) return false;
      removeDoc(coll, doc);
      await ctx.persist([{ op: 'del', c: name, id: doc._id }]);
      return true;
    },

    async deleteMany(filter) {
      ctx.assertUsable();
      const coll = current();
      const found = matching(coll, filter);
      if (!coll) return 0;
      for (const doc of found) removeDoc(coll, doc);
      await ctx.persist(found.map((doc) => ({ op: 'del', c: name, id: doc._id })));
      return found.length;
    },

    async createIndex(spec) {
      ctx.assertUsable();
      if (!isIndexSpec(spec)) throw new TypeError(`invalid index spec ${JSON.stringify(spec)}`);
      const coll = collectionFor(ctx.state, name);
      const existing = coll.specs.get(spec.name);
      if (existing) {
        if (sameSpec(existing, spec)) return;
        throw new TypeError(`index ${spec.name} on ${name} already exists with other keys or options`);
      }
      const stored = cloneValue(spec);
      if (stored.unique) coll.unique.set(stored.name, buildUniqueIndex(coll, stored));
      coll.specs.set(stored.name, stored);
      await ctx.persist([{ op: 'index', c: name, spec: stored }]);
    },

    async aggregate<R>(pipeline: Parameters<Collection['aggregate']>[0]) {
      ctx.assertUsable();
      return runAggregate<R>(current(), pipeline);
    },
  };
}
