// One store Collection over a driver collection. Only single-document atomic
// operations are used, so the same code runs on MongoDB 6/7 and FerretDB 1.24.
import type { Collection as MongoCollection, FindCursor } from 'mongodb';
import { newId } from '../ids';
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
import { runAggregate } from './aggregate';
import { findPinned, matchesById, pinnedIds, writeTarget } from './by-id';
import { decodeDoc, encodeDoc } from './codec';
import { rethrowDuplicate } from './duplicate-key';
import { toDriverUpdate, upsertSeed } from './update';
import type { WriteLock } from './write-lock';

const CURSOR_BATCH = 500;

export interface MongoTarget {
  /** FerretDB needs pipeline help (see aggregate.ts). */
  ferretdb: boolean;
  /** Serializes read-modify-write operations where the server does not (see write-lock.ts). */
  lock: WriteLock;
}

function openCursor(raw: MongoCollection<StoredDoc>, filter: Filter, options: FindOptions = {}): FindCursor<StoredDoc> {
  const cursor = raw.find(filter, options.projection ? { projection: options.projection } : {});
  if (options.sort) cursor.sort(options.sort);
  if (options.skip) cursor.skip(options.skip);
  if (options.limit) cursor.limit(options.limit);
  return cursor;
}

export function createMongoCollection<T extends StoredDoc>(
  raw: MongoCollection<StoredDoc>,
  target: MongoTarget,
): Collection<T> {
  const { lock } = target;
  const withId = (doc: Omit<T, '_id'> & { _id?: string }): T => encodeDoc({ ...doc, _id: doc._id ?? newId() }) as T;
  const read = (doc: StoredDoc | null | undefined): T | null => (doc ? decodeDoc(doc as T) : null);

  // On FerretDB a filter that pins `_id` is read by `_id` alone (by-id.ts).
  const pinned = (filter: Filter): string[] | undefined => (target.ferretdb ? pinnedIds(filter) : undefined);
  // On FerretDB a compare-and-set on one `_id` reads and writes by `_id` alone, under the lock (by-id.ts).
  const byId = (filter: Filter, upsert = false): string | undefined =>
    target.ferretdb && !upsert ? writeTarget(filter) : undefined;

  const findOne = async (filter: Filter, options: Pick<FindOptions, 'sort' | 'projection'> = {}): Promise<T | null> => {
    const ids = pinned(filter);
    const [first] =
      ids === undefined
        ? await openCursor(raw, filter, { ...options, limit: 1 }).toArray()
        : await findPinned(raw, ids, filter, { ...options, limit: 1 });
    return read(first);
  };

  return {
    name: raw.collectionName,

    async insertOne(doc) {
      const stored = withId(doc);
      await raw.insertOne(stored).catch((err: unknown) => rethrowDuplicate(err, raw, { docs: [stored] }));
      return decodeDoc(stored);
    },

    async insertMany(docs) {
      if (docs.length === 0) return [];
      const stored = docs.map(withId);
      await raw
        .insertMany(stored, { ordered: true })
        .catch((err: unknown) => rethrowDuplicate(err, raw, { docs: stored }));
      return stored.map(decodeDoc);
    },

    async findById(id) {
      return read(await raw.findOne({ _id: id }));
    },

    findOne,

    async find(filter, options) {
      const ids = pinned(filter);
      const docs =
        ids === undefined
          ? await openCursor(raw, filter, options).toArray()
          : await findPinned(raw, ids, filter, options);
      return docs.map((doc) => decodeDoc(doc as T));
    },

    async *cursor(filter, options) {
      const cursor = openCursor(raw, filter, options).batchSize(CURSOR_BATCH);
      try {
        for await (const doc of cursor) yield decodeDoc(doc as T);
      } finally {
        await cursor.close();
      }
    },

    async count(filter = {}) {
      const ids = pinned(filter);
      return ids === undefined ? raw.countDocuments(filter) : (await findPinned(raw, ids, filter)).length;
    },

    async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}) {
      const upsert = options.upsert === true;
      const driverUpdate = toDriverUpdate(filter, update, upsert);
      if (Object.keys(driverUpdate).length === 0) return findOne(filter);
      const id = byId(filter, upsert);
      const after = await lock(async () => {
        if (id !== undefined && !(await matchesById(raw, id, filter))) return null;
        return raw.findOneAndUpdate(id === undefined ? filter : { _id: id }, driverUpdate, {
          returnDocument: 'after',
          includeResultMetadata: false,
          upsert,
        });
      }).catch((err: unknown) =>
        rethrowDuplicate(err, raw, { docs: upsert ? [upsertSeed(filter, driverUpdate)] : [] }),
      );
      return read(after);
    },

    async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}) {
      const upsert = options.upsert === true;
      const driverUpdate = toDriverUpdate(filter, update, upsert);
      if (Object.keys(driverUpdate).length === 0) return (await raw.countDocuments(filter, { limit: 1 })) > 0;
      const id = byId(filter, upsert);
      const result = await lock(async () => {
        if (id !== undefined && !(await matchesById(raw, id, filter))) return null;
        return raw.updateOne(id === undefined ? filter : { _id: id }, driverUpdate, { upsert });
      }).catch((err: unknown) =>
        rethrowDuplicate(err, raw, { docs: upsert ? [upsertSeed(filter, driverUpdate)] : [] }),
      );
      return result !== null && (result.matchedCount > 0 || result.upsertedCount > 0);
    },

    async updateMany(filter: Filter, update: Update) {
      const driverUpdate = toDriverUpdate(filter, update, false);
      if (Object.keys(driverUpdate).length === 0) return raw.countDocuments(filter);
      const result = await lock(() => raw.updateMany(filter, driverUpdate)).catch((err: unknown) =>
        rethrowDuplicate(err, raw),
      );
      return result.matchedCount;
    },

    async deleteOne(filter) {
      const id = byId(filter);
      return lock(async () => {
        if (id !== undefined && !(await matchesById(raw, id, filter))) return false;
        return (await raw.deleteOne(id === undefined ? filter : { _id: id })).deletedCount === 1;
      });
    },

    async deleteMany(filter) {
      return (await lock(() => raw.deleteMany(filter))).deletedCount;
    },

    async createIndex(spec: IndexSpec) {
      await raw
        .createIndex(spec.keys, { name: spec.name, unique: spec.unique === true })
        .catch((err: unknown) => rethrowDuplicate(err, raw, { index: spec.name }));
    },

    async aggregate<R>(pipeline: PipelineStage[]) {
      return runAggregate<R>(raw, pipeline, target);
    },
  };
}
