// The store contract on the MongoDB adapter, against FerretDB started by the test
// set-up (or MONGODB_URI), plus what only this adapter does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../engine/errors';
import { newId } from '../../engine/store/ids';
import { splitPipeline } from '../../engine/store/mongodb/aggregate';
import { decode, encode } from '../../engine/store/mongodb/codec';
import { dbNameFromUri, openMongoStore } from '../../engine/store/mongodb/index';
import type { Store } from '../../engine/store/types';
import { freePort } from '../support/ferretdb';
import { dropDatabase } from '../support/backends';
import { mongoUri, requireService } from '../support/services';
import { storeContract } from './contract';

const uri = mongoUri();

describe.runIf(requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', uri))('mongodb store', () => {
  const dbName = `contract_${newId()}`;
  storeContract(
    'mongodb',
    () => openMongoStore({ uri: uri as string, dbName }),
    () => dropDatabase(uri as string, dbName),
  );

  describe('beyond the contract', () => {
    const ownDb = `mongo_only_${newId()}`;
    let store: Store;
    beforeAll(async () => {
      store = await openMongoStore({ uri: uri as string, dbName: ownDb });
    });
    afterAll(async () => {
      await store?.close();
      await dropDatabase(uri as string, ownDb);
    });

    it('names the violated index on insert and on update', async () => {
      const c = store.collection(`dup_${newId()}`);
      await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
      await c.insertOne({ _id: 'a', sku: 'A' });
      await c.insertOne({ _id: 'b', sku: 'B' });
      const onInsert = await c.insertOne({ sku: 'A' }).catch((e: unknown) => e);
      expect(onInsert).toBeInstanceOf(DuplicateKeyError);
      expect((onInsert as DuplicateKeyError).index).toBe('sku_unique');
      const onId = await c
        .insertMany([
          { _id: 'c', sku: 'C' },
          { _id: 'a', sku: 'Z' },
        ])
        .catch((e: unknown) => e);
      expect((onId as DuplicateKeyError).index).toBe('_id_');
      const onUpdate = await c.updateOne({ _id: 'b' }, { $set: { sku: 'A' } }).catch((e: unknown) => e);
      expect(onUpdate).toBeInstanceOf(DuplicateKeyError);
      expect((onUpdate as DuplicateKeyError).index).toBe('sku_unique');
      const onUpsert = await c.updateOne({ qty: 9 }, { $set: { sku: 'B' } }, { upsert: true }).catch((e: unknown) => e);
      expect((onUpsert as DuplicateKeyError).index).toBe('sku_unique');
    });

    it('names the index that cannot be created over duplicates', async () => {
      const c = store.collection(`dup_${newId()}`);
      await c.insertMany([{ sku: 'A' }, { sku: 'A' }]);
      const err = await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true }).catch((e: unknown) => e);
      expect((err as DuplicateKeyError).index).toBe('sku_unique');
    });

    it('stores keys with $ and dots and nested arrays given through $set and $push', async () => {
      const c = store.collection(`keys_${newId()}`);
      const doc = await c.insertOne({ tags: [] });
      const odd = { $ref: '#/a', 'a.b': 1, '\uFF04x': 2, '%2E': 3, grid: [[1, 2], [[3]]] };
      await c.updateOne({ _id: doc._id }, { $set: { odd }, $push: { tags: { $each: [[1], { $id: 'x' }] } } });
      await c.updateOne({ _id: doc._id }, { $push: { tags: ['single'] } });
      expect(await c.findById(doc._id)).toEqual({ _id: doc._id, odd, tags: [[1], { $id: 'x' }, ['single']] });
    });

    it('streams more documents than one cursor batch, in order', async () => {
      const c = store.collection(`many_${newId()}`);
      await c.insertMany(Array.from({ length: 1100 }, (_, i) => ({ _id: `m${String(i).padStart(4, '0')}`, n: i })));
      let expected = 1099;
      let seen = 0;
      for await (const doc of c.cursor({}, { sort: { n: -1 } })) {
        expect(doc.n).toBe(expected);
        expected -= 1;
        seen += 1;
      }
      expect(seen).toBe(1100);
    });

    it('matches with $elemMatch in an aggregation (FerretDB runs that stage in-process)', async () => {
      const c = store.collection(`elem_${newId()}`);
      await c.insertMany([
        {
          _id: 'o1',
          lines: [
            { sku: 'A', qty: 1 },
            { sku: 'B', qty: 5 },
          ],
        },
        { _id: 'o2', lines: [{ sku: 'A', qty: 2 }] },
      ]);
      const rows = await c.aggregate([
        { $match: { lines: { $elemMatch: { qty: { $gte: 5 } } } } },
        { $project: { _id: 1 } },
      ]);
      expect(rows).toEqual([{ _id: 'o1' }]);
    });
  });
});

describe('openMongoStore', () => {
  it('rejects with a clear error when no server answers', async () => {
    const port = await freePort();
    await expect(openMongoStore({ uri: `mongodb://127.0.0.1:${port}/x` })).rejects.toThrow(
      /no MongoDB server answered within 3 s \(.*ECONNREFUSED/,
    );
  });
});

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe('stored encoding', () => {
  it('round-trips awkward keys and arrays inside arrays', () => {
    const value = {
      $schema: 'x',
      nested: { $defs: { 'a.b': { '%': 1, '\uFF04': 2, '\uFF04[]': 3 } } },
      list: [1, [2, [3, { $k: [[4]] }]], []],
      at: new Date(0),
    };
    const stored = encode(value);
    expect(keysOf(stored).filter((key) => key.startsWith('$') || key.includes('.'))).toEqual([]);
    expect(decode(stored)).toEqual(value);
  });

  it('leaves ordinary documents alone', () => {
    const value = { _id: 'x', sku: 'A', lines: [{ qty: 1 }], data: { total: 2 } };
    expect(encode(value)).toEqual(value);
  });
});

describe('splitPipeline (FerretDB)', () => {
  it('runs the leading $match/$sort/$skip/$limit on the server and the rest in-process', () => {
    const pipeline = [{ $match: { a: 1 } }, { $sort: { a: 1 } }, { $group: { _id: null } }, { $limit: 1 }];
    expect(splitPipeline(pipeline)).toEqual({ server: pipeline.slice(0, 2), local: pipeline.slice(2) });
  });

  it('keeps $elemMatch and $expr off the server', () => {
    const pipeline = [{ $match: { l: { $elemMatch: { q: 1 } } } }, { $limit: 1 }];
    expect(splitPipeline(pipeline)).toEqual({ server: [], local: pipeline });
  });
});

describe('dbNameFromUri', () => {
  it('reads the database from the URI path', () => {
    expect(dbNameFromUri('mongodb://u:p@h1:27017,h2:27018/shop?replicaSet=rs0')).toBe('shop');
    expect(dbNameFromUri('mongodb+srv://cluster.example.net/my%2Ddb')).toBe('my-db');
  });

  it('gives nothing when the URI names no database', () => {
    expect(dbNameFromUri('mongodb://127.0.0.1:27017')).toBeUndefined();
    expect(dbNameFromUri('mongodb://127.0.0.1:27017/?directConnection=true')).toBeUndefined();
  });
});
