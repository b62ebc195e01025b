// The store contract: every adapter (embedded, mongodb on MongoDB or FerretDB)
// registers this one suite. It only uses the Store port, never adapter internals,
// and every test works in its own fresh collection so the suite can share a
// database with other runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../engine/errors';
import { newId } from '../../engine/store/ids';
import type { Collection, Store, StoredDoc } from '../../engine/store/types';

interface Item extends StoredDoc {
  sku?: string;
  qty?: number;
  version?: number;
  available?: number;
  data?: { total?: number; note?: string };
  tags?: string[];
  [field: string]: unknown;
}

export function storeContract(name: string, open: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    const fresh = (): Collection<Item> => store.collection<Item>(`contract_${newId()}`);

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    describe('basics', () => {
      it('answers ping', async () => {
        expect(await store.ping()).toBe(true);
      });

      it('names its collections', () => {
        expect(store.collection('contract_named').name).toBe('contract_named');
      });
    });

    describe('insert and read', () => {
      it('assigns a string _id when none is given', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A' });
        expect(typeof doc._id).toBe('string');
        expect(doc._id.length).toBeGreaterThan(0);
        expect(await c.findById(doc._id)).toEqual({ _id: doc._id, sku: 'A' });
      });

      it('keeps a given _id', async () => {
        const c = fresh();
        const doc = await c.insertOne({ _id: 'given-1', sku: 'A' });
        expect(doc._id).toBe('given-1');
        expect((await c.findById('given-1'))?.sku).toBe('A');
      });

      it('refuses a second document with the same _id', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'same', sku: 'A' });
        await expect(c.insertOne({ _id: 'same', sku: 'B' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect((await c.findById('same'))?.sku).toBe('A');
      });

      it('inserts many and returns them with ids', async () => {
        const c = fresh();
        const docs = await c.insertMany([{ sku: 'A' }, { sku: 'B' }, { _id: 'c', sku: 'C' }]);
        expect(docs.map((d) => d.sku)).toEqual(['A', 'B', 'C']);
        expect(new Set(docs.map((d) => d._id)).size).toBe(3);
        expect(docs[2]._id).toBe('c');
        expect(await c.count()).toBe(3);
      });

      it('returns null for a missing id and for no match', async () => {
        const c = fresh();
        await c.insertOne({ sku: 'A' });
        expect(await c.findById(newId())).toBeNull();
        expect(await c.findOne({ sku: 'nope' })).toBeNull();
      });

      it('finds one by filter, honouring sort', async () => {
        const c = fresh();
        await c.insertMany([{ sku: 'A', qty: 2 }, { sku: 'B', qty: 5 }, { sku: 'C', qty: 3 }]);
        expect((await c.findOne({ qty: { $gte: 3 } }, { sort: { qty: 1 } }))?.sku).toBe('C');
        expect((await c.findOne({}, { sort: { qty: -1 } }))?.sku).toBe('B');
      });

      it('finds one with a projection', async () => {
        const c = fresh();
        const a = await c.insertOne({ sku: 'A', qty: 2, data: { total: 9, note: 'x' } });
        expect(await c.findOne({ sku: 'A' }, { projection: { qty: 1 } })).toEqual({ _id: a._id, qty: 2 });
      });
    });

    describe('find', () => {
      const seed = async (c: Collection<Item>): Promise<void> => {
        await c.insertMany([
          { _id: 'i1', sku: 'A', qty: 5, data: { total: 50 }, tags: ['red'] },
          { _id: 'i2', sku: 'B', qty: 1, data: { total: 10 }, tags: ['blue', 'red'] },
          { _id: 'i3', sku: 'C', qty: 3, data: { total: 30 }, tags: [] },
          { _id: 'i4', sku: 'D', qty: 4, data: { total: 40 }, tags: ['blue'] },
          { _id: 'i5', sku: 'E', qty: 2, data: { total: 20 } },
        ]);
      };

      it('filters with comparison, $in, $or and array membership', async () => {
        const c = fresh();
        await seed(c);
        const ids = async (filter: Record<string, unknown>): Promise<string[]> =>
          (await c.find(filter, { sort: { _id: 1 } })).map((d) => d._id);
        expect(await ids({ qty: { $gt: 2, $lte: 4 } })).toEqual(['i3', 'i4']);
        expect(await ids({ sku: { $in: ['A', 'E'] } })).toEqual(['i1', 'i5']);
        expect(await ids({ $or: [{ sku: 'B' }, { qty: 5 }] })).toEqual(['i1', 'i2']);
        expect(await ids({ tags: 'red' })).toEqual(['i1', 'i2']);
        expect(await ids({ tags: { $exists: false } })).toEqual(['i5']);
        expect(await ids({ sku: { $ne: 'A' }, qty: { $lt: 3 } })).toEqual(['i2', 'i5']);
      });

      it('sorts, skips and limits', async () => {
        const c = fresh();
        await seed(c);
        const page = await c.find({}, { sort: { qty: -1 }, skip: 1, limit: 2 });
        expect(page.map((d) => d._id)).toEqual(['i4', 'i3']);
        const all = await c.find({}, { sort: { sku: 1 } });
        expect(all.map((d) => d.sku)).toEqual(['A', 'B', 'C', 'D', 'E']);
      });

      it('sorts on more than one field', async () => {
        const c = fresh();
        await c.insertMany([
          { _id: 'a', sku: 'X', qty: 2 },
          { _id: 'b', sku: 'Y', qty: 1 },
          { _id: 'c', sku: 'X', qty: 1 },
        ]);
        const docs = await c.find({}, { sort: { sku: 1, qty: -1 } });
        expect(docs.map((d) => d._id)).toEqual(['a', 'c', 'b']);
      });

      it('filters and sorts on nested paths', async () => {
        const c = fresh();
        await seed(c);
        const docs = await c.find({ 'data.total': { $gte: 30 } }, { sort: { 'data.total': -1 } });
        expect(docs.map((d) => d._id)).toEqual(['i1', 'i4', 'i3']);
      });

      it('projects only the requested fields plus _id', async () => {
        const c = fresh();
        await seed(c);
        const docs = await c.find({ _id: 'i1' }, { projection: { sku: 1, 'data.total': 1 } });
        expect(docs).toEqual([{ _id: 'i1', sku: 'A', data: { total: 50 } }]);
      });

      it('returns an empty list when nothing matches', async () => {
        const c = fresh();
        await seed(c);
        expect(await c.find({ qty: { $gt: 100 } })).toEqual([]);
      });

      it('streams results through an async cursor', async () => {
        const c = fresh();
        await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: `k${String(i).padStart(3, '0')}`, qty: i })));
        const seen: string[] = [];
        for await (const doc of c.cursor({ qty: { $gte: 10 } }, { sort: { qty: -1 }, limit: 200 })) seen.push(doc._id);
        expect(seen).toHaveLength(200);
        expect(seen[0]).toBe('k249');
        expect(seen[199]).toBe('k050');
      });

      it('projects through a cursor', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'p1', sku: 'A', qty: 1 });
        const seen: Item[] = [];
        for await (const doc of c.cursor({}, { projection: { qty: 1 } })) seen.push(doc);
        expect(seen).toEqual([{ _id: 'p1', qty: 1 }]);
      });

      it('counts all documents and matching documents', async () => {
        const c = fresh();
        expect(await c.count()).toBe(0);
        await seed(c);
        expect(await c.count()).toBe(5);
        expect(await c.count({})).toBe(5);
        expect(await c.count({ qty: { $gte: 3 } })).toBe(3);
      });
    });

    describe('compare-and-set updates', () => {
      it('applies findOneAndUpdate when the version matches and returns the new document', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A', version: 1, qty: 1 });
        const after = await c.findOneAndUpdate({ _id: doc._id, version: 1 }, { $set: { qty: 7 }, $inc: { version: 1 } });
        expect(after).toEqual({ _id: doc._id, sku: 'A', version: 2, qty: 7 });
        expect(await c.findById(doc._id)).toEqual(after);
      });

      it('refuses a stale version and changes nothing', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A', version: 2, qty: 1 });
        expect(await c.findOneAndUpdate({ _id: doc._id, version: 1 }, { $set: { qty: 9 }, $inc: { version: 1 } })).toBeNull();
        expect(await c.updateOne({ _id: doc._id, version: 1 }, { $set: { qty: 9 }, $inc: { version: 1 } })).toBe(false);
        expect(await c.findById(doc._id)).toEqual({ _id: doc._id, sku: 'A', version: 2, qty: 1 });
      });

      it('reports whether updateOne matched', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A', version: 1 });
        expect(await c.updateOne({ _id: doc._id, version: 1 }, { $inc: { version: 1 } })).toBe(true);
        expect((await c.findById(doc._id))?.version).toBe(2);
      });

      it('lets exactly one of two racing writers win the same version', async () => {
        const c = fresh();
        const doc = await c.insertOne({ version: 1, qty: 0 });
        const results = await Promise.all(
          [1, 2].map((n) => c.updateOne({ _id: doc._id, version: 1 }, { $set: { qty: n }, $inc: { version: 1 } })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await c.findById(doc._id))?.version).toBe(2);
      });

      it('lets exactly the available quantity through 100 concurrent guarded decrements', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'SCARCE', available: 50 });
        const results = await Promise.all(
          Array.from({ length: 100 }, () => c.updateOne({ _id: doc._id, available: { $gte: 1 } }, { $inc: { available: -1 } })),
        );
        expect(results.filter(Boolean)).toHaveLength(50);
        expect((await c.findById(doc._id))?.available).toBe(0);
      });

      it('refuses a guarded $inc that would go below zero', async () => {
        const c = fresh();
        const doc = await c.insertOne({ available: 3 });
        expect(await c.findOneAndUpdate({ _id: doc._id, available: { $gte: 5 } }, { $inc: { available: -5 } })).toBeNull();
        expect((await c.findOneAndUpdate({ _id: doc._id, available: { $gte: 3 } }, { $inc: { available: -3 } }))?.available).toBe(0);
      });

      it('refuses to change _id', async () => {
        const c = fresh();
        const doc = await c.insertOne({ _id: 'fixed', sku: 'A' });
        await expect(c.updateOne({ _id: 'fixed' }, { $set: { _id: 'other', sku: 'B' } })).rejects.toThrow();
        expect(await c.findById('fixed')).toEqual(doc);
        expect(await c.findById('other')).toBeNull();
      });
    });

    describe('update operators', () => {
      it('sets, unsets, increments and pushes in one update', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A', qty: 1, tags: ['a'], data: { total: 1, note: 'n' } });
        const after = await c.findOneAndUpdate(
          { _id: doc._id },
          { $set: { 'data.total': 5, sku: 'B' }, $unset: { 'data.note': '' }, $inc: { qty: 2 }, $push: { tags: 'b' } },
        );
        expect(after).toEqual({ _id: doc._id, sku: 'B', qty: 3, tags: ['a', 'b'], data: { total: 5 } });
      });

      it('creates missing paths on $set, $inc and $push', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A' });
        const after = await c.findOneAndUpdate(
          { _id: doc._id },
          { $set: { 'meta.deep.flag': true }, $inc: { counter: 4 }, $push: { log: { at: 1 } } },
        );
        expect(after).toEqual({ _id: doc._id, sku: 'A', meta: { deep: { flag: true } }, counter: 4, log: [{ at: 1 }] });
      });

      it('pushes several values with $each', async () => {
        const c = fresh();
        const doc = await c.insertOne({ tags: ['a'] });
        const after = await c.findOneAndUpdate({ _id: doc._id }, { $push: { tags: { $each: ['b', 'c'] } } });
        expect(after?.tags).toEqual(['a', 'b', 'c']);
      });

      it('unsets a top-level field', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A', qty: 1 });
        await c.updateOne({ _id: doc._id }, { $unset: { qty: 1 } });
        expect(await c.findById(doc._id)).toEqual({ _id: doc._id, sku: 'A' });
      });

      it('updates many documents and returns how many matched', async () => {
        const c = fresh();
        await c.insertMany([{ sku: 'A', qty: 1 }, { sku: 'B', qty: 1 }, { sku: 'C', qty: 5 }]);
        expect(await c.updateMany({ qty: 1 }, { $set: { qty: 2 }, $push: { tags: 'bulk' } })).toBe(2);
        expect(await c.count({ qty: 2, tags: 'bulk' })).toBe(2);
        expect(await c.updateMany({ qty: 99 }, { $set: { qty: 3 } })).toBe(0);
      });
    });

    describe('upsert', () => {
      it('inserts from the filter, $setOnInsert and $set when nothing matches', async () => {
        const c = fresh();
        const created = await c.findOneAndUpdate(
          { sku: 'U1', 'data.note': 'seed' },
          { $set: { qty: 1 }, $setOnInsert: { version: 1 } },
          { upsert: true },
        );
        expect(created).toMatchObject({ sku: 'U1', data: { note: 'seed' }, qty: 1, version: 1 });
        expect(typeof created?._id).toBe('string');
        expect(await c.count()).toBe(1);
      });

      it('updates the existing document without $setOnInsert when one matches', async () => {
        const c = fresh();
        await c.findOneAndUpdate({ sku: 'U2' }, { $set: { qty: 1 }, $setOnInsert: { version: 1 } }, { upsert: true });
        const updated = await c.findOneAndUpdate(
          { sku: 'U2' },
          { $set: { qty: 2 }, $setOnInsert: { version: 99 } },
          { upsert: true },
        );
        expect(updated).toMatchObject({ sku: 'U2', qty: 2, version: 1 });
        expect(await c.count()).toBe(1);
      });

      it('uses the _id from the filter', async () => {
        const c = fresh();
        expect(await c.updateOne({ _id: 'counter:orders' }, { $inc: { seq: 1 } }, { upsert: true })).toBe(true);
        expect(await c.updateOne({ _id: 'counter:orders' }, { $inc: { seq: 1 } }, { upsert: true })).toBe(true);
        expect(await c.findById('counter:orders')).toEqual({ _id: 'counter:orders', seq: 2 });
      });

      it('does not insert without upsert', async () => {
        const c = fresh();
        expect(await c.updateOne({ sku: 'none' }, { $set: { qty: 1 } })).toBe(false);
        expect(await c.findOneAndUpdate({ sku: 'none' }, { $set: { qty: 1 } })).toBeNull();
        expect(await c.count()).toBe(0);
      });
    });

    describe('delete', () => {
      it('deletes one matching document', async () => {
        const c = fresh();
        await c.insertMany([{ sku: 'A' }, { sku: 'A' }, { sku: 'B' }]);
        expect(await c.deleteOne({ sku: 'A' })).toBe(true);
        expect(await c.count({ sku: 'A' })).toBe(1);
        expect(await c.deleteOne({ sku: 'Z' })).toBe(false);
      });

      it('deletes many matching documents', async () => {
        const c = fresh();
        await c.insertMany([{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }, { sku: 'C', qty: 3 }]);
        expect(await c.deleteMany({ qty: { $lte: 2 } })).toBe(2);
        expect((await c.find({})).map((d) => d.sku)).toEqual(['C']);
        expect(await c.deleteMany({ qty: 42 })).toBe(0);
      });

      it('frees the _id of a deleted document', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x', sku: 'A' });
        expect(await c.deleteOne({ _id: 'x' })).toBe(true);
        expect(await c.findById('x')).toBeNull();
        expect((await c.insertOne({ _id: 'x', sku: 'B' })).sku).toBe('B');
      });
    });

    describe('unique indexes', () => {
      it('refuses a duplicate insert with DuplicateKeyError', async () => {
        const c = fresh();
        await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
        await c.insertOne({ sku: 'A' });
        const err = await c.insertOne({ sku: 'A' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateKeyError);
        expect((err as DuplicateKeyError).code).toBe('DUPLICATE_KEY');
        expect(await c.count()).toBe(1);
      });

      it('refuses an update that would duplicate a key and leaves the document unchanged', async () => {
        const c = fresh();
        await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
        await c.insertOne({ _id: 'a', sku: 'A' });
        await c.insertOne({ _id: 'b', sku: 'B', version: 1 });
        await expect(c.updateOne({ _id: 'b' }, { $set: { sku: 'A' }, $inc: { version: 1 } })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        await expect(c.findOneAndUpdate({ _id: 'b' }, { $set: { sku: 'A' } })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await c.findById('b')).toEqual({ _id: 'b', sku: 'B', version: 1 });
      });

      it('refuses an upsert that would duplicate a key', async () => {
        const c = fresh();
        await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
        await c.insertOne({ sku: 'A', qty: 1 });
        await expect(c.updateOne({ qty: 2 }, { $set: { sku: 'A' } }, { upsert: true })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect(await c.count()).toBe(1);
      });

      it('allows updating a document while keeping its own key', async () => {
        const c = fresh();
        await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
        const doc = await c.insertOne({ sku: 'A', qty: 1 });
        expect(await c.updateOne({ _id: doc._id }, { $set: { sku: 'A', qty: 2 } })).toBe(true);
        expect((await c.findById(doc._id))?.qty).toBe(2);
      });

      it('frees a key when its document is deleted or changes key', async () => {
        const c = fresh();
        await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
        const a = await c.insertOne({ sku: 'A' });
        const b = await c.insertOne({ sku: 'B' });
        await c.deleteOne({ _id: a._id });
        await c.updateOne({ _id: b._id }, { $set: { sku: 'B2' } });
        await c.insertOne({ sku: 'A' });
        await c.insertOne({ sku: 'B' });
        expect(await c.count()).toBe(3);
      });

      it('treats creating the same index name twice as a no-op', async () => {
        const c = fresh();
        await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
        await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
        await c.insertOne({ sku: 'A' });
        await expect(c.insertOne({ sku: 'A' })).rejects.toBeInstanceOf(DuplicateKeyError);
      });

      it('enforces a compound unique index on the combination only', async () => {
        const c = fresh();
        await c.createIndex({ name: 'doc_line', keys: { docId: 1, line: 1 }, unique: true });
        await c.insertMany([
          { docId: 'd1', line: 1 },
          { docId: 'd1', line: 2 },
          { docId: 'd2', line: 1 },
        ]);
        await expect(c.insertOne({ docId: 'd1', line: 2 })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await c.count()).toBe(3);
      });

      it('enforces a unique index on a nested path', async () => {
        const c = fresh();
        await c.createIndex({ name: 'number_unique', keys: { 'data.number': 1 }, unique: true });
        await c.insertOne({ data: { number: 'SO-1' } });
        await c.insertOne({ data: { number: 'SO-2' } });
        await expect(c.insertOne({ data: { number: 'SO-1' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      });

      it('refuses to create a unique index over existing duplicates', async () => {
        const c = fresh();
        await c.insertMany([{ sku: 'A' }, { sku: 'A' }]);
        await expect(c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect(await c.count()).toBe(2);
      });

      it('accepts a non-unique index over duplicates', async () => {
        const c = fresh();
        await c.insertMany([{ sku: 'A' }, { sku: 'A' }]);
        await c.createIndex({ name: 'sku_plain', keys: { sku: 1 } });
        await c.insertOne({ sku: 'A' });
        expect(await c.count({ sku: 'A' })).toBe(3);
      });
    });

    describe('aggregate', () => {
      const seed = async (c: Collection<Item>): Promise<void> => {
        await c.insertMany([
          { _id: 'o1', customer: 'acme', status: 'open', data: { total: 100 }, lines: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }] },
          { _id: 'o2', customer: 'acme', status: 'done', data: { total: 50 }, lines: [{ sku: 'A', qty: 3 }] },
          { _id: 'o3', customer: 'zeta', status: 'open', data: { total: 30 }, lines: [{ sku: 'B', qty: 4 }] },
          { _id: 'o4', customer: 'zeta', status: 'void', data: { total: 999 }, lines: [] },
        ]);
      };

      it('groups with $sum, $count, $avg, $min and $max after $match, sorted', async () => {
        const c = fresh();
        await seed(c);
        const rows = await c.aggregate([
          { $match: { status: { $ne: 'void' } } },
          {
            $group: {
              _id: '$customer',
              revenue: { $sum: '$data.total' },
              orders: { $count: {} },
              average: { $avg: '$data.total' },
              smallest: { $min: '$data.total' },
              largest: { $max: '$data.total' },
            },
          },
          { $sort: { revenue: -1 } },
        ]);
        expect(rows).toEqual([
          { _id: 'acme', revenue: 150, orders: 2, average: 75, smallest: 50, largest: 100 },
          { _id: 'zeta', revenue: 30, orders: 1, average: 30, smallest: 30, largest: 30 },
        ]);
      });

      it('counts with $sum: 1 over the whole collection', async () => {
        const c = fresh();
        await seed(c);
        expect(await c.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }])).toEqual([{ _id: null, n: 4 }]);
      });

      it('unwinds arrays and groups their elements', async () => {
        const c = fresh();
        await seed(c);
        const rows = await c.aggregate([
          { $unwind: '$lines' },
          { $group: { _id: '$lines.sku', qty: { $sum: '$lines.qty' } } },
          { $sort: { _id: 1 } },
        ]);
        expect(rows).toEqual([
          { _id: 'A', qty: 4 },
          { _id: 'B', qty: 6 },
        ]);
      });

      it('projects, sorts, skips and limits', async () => {
        const c = fresh();
        await seed(c);
        const rows = await c.aggregate([
          { $project: { customer: 1, total: '$data.total' } },
          { $sort: { total: 1 } },
          { $skip: 1 },
          { $limit: 2 },
        ]);
        expect(rows).toEqual([
          { _id: 'o2', customer: 'acme', total: 50 },
          { _id: 'o1', customer: 'acme', total: 100 },
        ]);
      });

      it('returns an empty list for an empty collection', async () => {
        const c = fresh();
        expect(await c.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }])).toEqual([]);
      });

      it('does not change stored documents', async () => {
        const c = fresh();
        await seed(c);
        await c.aggregate([{ $unwind: '$lines' }, { $project: { sku: '$lines.sku' } }]);
        expect((await c.findById('o1'))?.lines).toEqual([{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }]);
      });
    });

    describe('values', () => {
      it('round-trips Dates as Date objects and compares them in filters and sorts', async () => {
        const c = fresh();
        const early = new Date('2024-01-02T03:04:05.678Z');
        const late = new Date('2025-06-07T08:09:10.111Z');
        await c.insertMany([
          { _id: 'late', at: late, nested: { at: late } },
          { _id: 'early', at: early, nested: { at: early } },
        ]);
        const doc = await c.findById('early');
        expect(doc?.at).toBeInstanceOf(Date);
        expect((doc?.at as Date).getTime()).toBe(early.getTime());
        expect((doc?.nested as { at: Date }).at).toBeInstanceOf(Date);
        const after = await c.find({ at: { $gt: new Date('2024-06-01T00:00:00Z') } });
        expect(after.map((d) => d._id)).toEqual(['late']);
        const sorted = await c.find({}, { sort: { at: 1 } });
        expect(sorted.map((d) => d._id)).toEqual(['early', 'late']);
        const updated = await c.findOneAndUpdate({ _id: 'early' }, { $set: { closedAt: late } });
        expect(updated?.closedAt).toBeInstanceOf(Date);
      });

      it('round-trips numbers, strings, booleans, null, arrays and nested objects', async () => {
        const c = fresh();
        const value = {
          int: 42,
          negative: -7,
          zero: 0,
          float: 12.345,
          big: 9007199254740991,
          text: '眼镜店 — “quoted” \\ / \n line',
          empty: '',
          yes: true,
          no: false,
          nothing: null,
          list: [1, 'two', false, null, [3, [4]], { five: 5 }],
          emptyList: [],
          nested: { a: { b: { c: 'deep', d: [{ e: 1 }] } }, emptyObject: {} },
        };
        const doc = await c.insertOne(value);
        expect(await c.findById(doc._id)).toEqual({ _id: doc._id, ...value });
        expect(await c.findOne({ 'nested.a.b.c': 'deep' })).toEqual({ _id: doc._id, ...value });
        expect(await c.count({ nothing: null })).toBe(1);
      });

      it('keeps keys that start with $ inside nested objects (JSON Schema)', async () => {
        const c = fresh();
        const schema = { schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', $defs: { a: { $ref: '#/x' } } } };
        const doc = await c.insertOne(schema);
        expect(await c.findById(doc._id)).toEqual({ _id: doc._id, ...schema });
      });
    });

    describe('isolation of returned documents', () => {
      it('returns copies from reads, so mutating them changes nothing', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A', tags: ['a'], data: { total: 1 } });
        const read = (await c.findById(doc._id)) as Item;
        read.sku = 'mutated';
        read.tags?.push('x');
        if (read.data) read.data.total = 99;
        const found = await c.find({});
        found[0].sku = 'mutated again';
        const one = (await c.findOne({})) as Item;
        one.data = {};
        for await (const d of c.cursor({})) d.sku = 'via cursor';
        expect(await c.findById(doc._id)).toEqual({ _id: doc._id, sku: 'A', tags: ['a'], data: { total: 1 } });
      });

      it('copies the inserted document, so later changes by the caller are not stored', async () => {
        const c = fresh();
        const input = { sku: 'A', tags: ['a'], data: { total: 1 } };
        const returned = await c.insertOne(input);
        input.tags.push('x');
        input.data.total = 99;
        returned.sku = 'changed';
        expect(await c.findById(returned._id)).toEqual({ _id: returned._id, sku: 'A', tags: ['a'], data: { total: 1 } });
      });

      it('returns copies from updates, and copies values taken from the update', async () => {
        const c = fresh();
        const doc = await c.insertOne({ sku: 'A' });
        const payload = { list: [1] };
        const after = (await c.findOneAndUpdate({ _id: doc._id }, { $set: { payload } })) as Item;
        payload.list.push(2);
        (after.payload as { list: number[] }).list.push(3);
        expect((await c.findById(doc._id))?.payload).toEqual({ list: [1] });
      });
    });
  });
}
