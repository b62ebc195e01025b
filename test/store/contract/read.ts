// Store contract: Inserting, reading, finding, counting and streaming.
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../engine/errors';
import { newId } from '../../../engine/store/ids';
import type { Collection } from '../../../engine/store/types';
import type { ContractContext, Item } from './context';

export function readContract(ctx: ContractContext): void {
  describe('insert and read', () => {
    it('assigns a string _id when none is given', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A' });
      expect(typeof doc._id).toBe('string');
      expect(doc._id.length).toBeGreaterThan(0);
      expect(await c.findById(doc._id)).toEqual({ _id: doc._id, sku: 'A' });
    });

    it('keeps a given _id', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ _id: 'given-1', sku: 'A' });
      expect(doc._id).toBe('given-1');
      expect((await c.findById('given-1'))?.sku).toBe('A');
    });

    it('refuses a second document with the same _id', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'same', sku: 'A' });
      await expect(c.insertOne({ _id: 'same', sku: 'B' })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect((await c.findById('same'))?.sku).toBe('A');
    });

    it('inserts many and returns them with ids', async () => {
      const c = ctx.fresh();
      const docs = await c.insertMany([{ sku: 'A' }, { sku: 'B' }, { _id: 'c', sku: 'C' }]);
      expect(docs.map((d) => d.sku)).toEqual(['A', 'B', 'C']);
      expect(new Set(docs.map((d) => d._id)).size).toBe(3);
      expect(docs[2]._id).toBe('c');
      expect(await c.count()).toBe(3);
    });

    it('returns null for a missing id and for no match', async () => {
      const c = ctx.fresh();
      await c.insertOne({ sku: 'A' });
      expect(await c.findById(newId())).toBeNull();
      expect(await c.findOne({ sku: 'nope' })).toBeNull();
    });

    it('finds one by filter, honouring sort', async () => {
      const c = ctx.fresh();
      await c.insertMany([
        { sku: 'A', qty: 2 },
        { sku: 'B', qty: 5 },
        { sku: 'C', qty: 3 },
      ]);
      expect((await c.findOne({ qty: { $gte: 3 } }, { sort: { qty: 1 } }))?.sku).toBe('C');
      expect((await c.findOne({}, { sort: { qty: -1 } }))?.sku).toBe('B');
    });

    // FerretDB reads these by `_id` alone and matches the rest in-process (mongodb/by-id.ts).
    it('matches every condition of a filter that pins _id, in $and and $in too', async () => {
      const c = ctx.fresh();
      await c.insertMany([
        { _id: 'p1', sku: 'A', qty: 2 },
        { _id: 'p2', sku: 'B', qty: 5 },
        { _id: 'p3', sku: 'C', qty: 3 },
      ]);
      expect((await c.findOne({ _id: 'p2', qty: { $gte: 3 } }))?.sku).toBe('B');
      expect(await c.findOne({ _id: 'p1', qty: { $gte: 3 } })).toBeNull();
      expect((await c.findOne({ $and: [{ _id: 'p3' }, { $or: [{ sku: 'C' }, { qty: 9 }] }] }))?.qty).toBe(3);
      expect(await c.findOne({ $and: [{ _id: 'p3' }, { sku: 'A' }] })).toBeNull();
      const some = await c.find(
        { _id: { $in: ['p1', 'p2', 'p3', 'p9'] }, qty: { $gte: 3 } },
        { sort: { qty: -1 }, projection: { sku: 1 } },
      );
      expect(some).toEqual([
        { _id: 'p2', sku: 'B' },
        { _id: 'p3', sku: 'C' },
      ]);
      expect(await c.find({ _id: { $in: ['p1', 'p2', 'p3'] } }, { sort: { qty: 1 }, skip: 1, limit: 1 })).toEqual([
        { _id: 'p3', sku: 'C', qty: 3 },
      ]);
      expect(await c.count({ _id: 'p1', sku: 'A' })).toBe(1);
      expect(await c.count({ _id: 'p1', sku: 'B' })).toBe(0);
    });

    it('finds one with a projection', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      await seed(c);
      const page = await c.find({}, { sort: { qty: -1 }, skip: 1, limit: 2 });
      expect(page.map((d) => d._id)).toEqual(['i4', 'i3']);
      const all = await c.find({}, { sort: { sku: 1 } });
      expect(all.map((d) => d.sku)).toEqual(['A', 'B', 'C', 'D', 'E']);
    });

    it('sorts on more than one field', async () => {
      const c = ctx.fresh();
      await c.insertMany([
        { _id: 'a', sku: 'X', qty: 2 },
        { _id: 'b', sku: 'Y', qty: 1 },
        { _id: 'c', sku: 'X', qty: 1 },
      ]);
      const docs = await c.find({}, { sort: { sku: 1, qty: -1 } });
      expect(docs.map((d) => d._id)).toEqual(['a', 'c', 'b']);
    });

    it('filters and sorts on nested paths', async () => {
      const c = ctx.fresh();
      await seed(c);
      const docs = await c.find({ 'data.total': { $gte: 30 } }, { sort: { 'data.total': -1 } });
      expect(docs.map((d) => d._id)).toEqual(['i1', 'i4', 'i3']);
    });

    it('projects only the requested fields plus _id', async () => {
      const c = ctx.fresh();
      await seed(c);
      const docs = await c.find({ _id: 'i1' }, { projection: { sku: 1, 'data.total': 1 } });
      expect(docs).toEqual([{ _id: 'i1', sku: 'A', data: { total: 50 } }]);
    });

    it('returns an empty list when nothing matches', async () => {
      const c = ctx.fresh();
      await seed(c);
      expect(await c.find({ qty: { $gt: 100 } })).toEqual([]);
    });

    it('streams results through an async cursor', async () => {
      const c = ctx.fresh();
      await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: `k${String(i).padStart(3, '0')}`, qty: i })));
      const seen: string[] = [];
      for await (const doc of c.cursor({ qty: { $gte: 10 } }, { sort: { qty: -1 }, limit: 200 })) seen.push(doc._id);
      expect(seen).toHaveLength(200);
      expect(seen[0]).toBe('k249');
      expect(seen[199]).toBe('k050');
    });

    it('projects through a cursor', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'p1', sku: 'A', qty: 1 });
      const seen: Item[] = [];
      for await (const doc of c.cursor({}, { projection: { qty: 1 } })) seen.push(doc);
      expect(seen).toEqual([{ _id: 'p1', qty: 1 }]);
    });

    it('counts all documents and matching documents', async () => {
      const c = ctx.fresh();
      expect(await c.count()).toBe(0);
      await seed(c);
      expect(await c.count()).toBe(5);
      expect(await c.count({})).toBe(5);
      expect(await c.count({ qty: { $gte: 3 } })).toBe(3);
    });
  });
}
