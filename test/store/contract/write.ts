// Store contract: Compare-and-set updates, update operators, upserts and deletes.
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';

export function writeContract(ctx: ContractContext): void {
  describe('compare-and-set updates', () => {
    it('applies findOneAndUpdate when the version matches and returns the new document', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A', version: 1, qty: 1 });
      const after = await c.findOneAndUpdate({ _id: doc._id, version: 1 }, { $set: { qty: 7 }, $inc: { version: 1 } });
      expect(after).toEqual({ _id: doc._id, sku: 'A', version: 2, qty: 7 });
      expect(await c.findById(doc._id)).toEqual(after);
    });

    it('refuses a stale version and changes nothing', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A', version: 2, qty: 1 });
      expect(
        await c.findOneAndUpdate({ _id: doc._id, version: 1 }, { $set: { qty: 9 }, $inc: { version: 1 } }),
      ).toBeNull();
      expect(await c.updateOne({ _id: doc._id, version: 1 }, { $set: { qty: 9 }, $inc: { version: 1 } })).toBe(false);
      expect(await c.findById(doc._id)).toEqual({ _id: doc._id, sku: 'A', version: 2, qty: 1 });
    });

    it('reports whether updateOne matched', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A', version: 1 });
      expect(await c.updateOne({ _id: doc._id, version: 1 }, { $inc: { version: 1 } })).toBe(true);
      expect((await c.findById(doc._id))?.version).toBe(2);
    });

    it('lets exactly one of two racing writers win the same version', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ version: 1, qty: 0 });
      const results = await Promise.all(
        [1, 2].map((n) => c.updateOne({ _id: doc._id, version: 1 }, { $set: { qty: n }, $inc: { version: 1 } })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await c.findById(doc._id))?.version).toBe(2);
    });

    it('lets exactly the available quantity through 100 concurrent guarded decrements', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'SCARCE', available: 50 });
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          c.updateOne({ _id: doc._id, available: { $gte: 1 } }, { $inc: { available: -1 } }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(50);
      expect((await c.findById(doc._id))?.available).toBe(0);
    });

    it('refuses a guarded $inc that would go below zero', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ available: 3 });
      expect(
        await c.findOneAndUpdate({ _id: doc._id, available: { $gte: 5 } }, { $inc: { available: -5 } }),
      ).toBeNull();
      expect(
        (await c.findOneAndUpdate({ _id: doc._id, available: { $gte: 3 } }, { $inc: { available: -3 } }))?.available,
      ).toBe(0);
    });

    it('refuses to change _id', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ _id: 'fixed', sku: 'A' });
      await expect(c.updateOne({ _id: 'fixed' }, { $set: { _id: 'other', sku: 'B' } })).rejects.toThrow();
      expect(await c.findById('fixed')).toEqual(doc);
      expect(await c.findById('other')).toBeNull();
    });
  });

  describe('update operators', () => {
    it('sets, unsets, increments and pushes in one update', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A', qty: 1, tags: ['a'], data: { total: 1, note: 'n' } });
      const after = await c.findOneAndUpdate(
        { _id: doc._id },
        { $set: { 'data.total': 5, sku: 'B' }, $unset: { 'data.note': '' }, $inc: { qty: 2 }, $push: { tags: 'b' } },
      );
      expect(after).toEqual({ _id: doc._id, sku: 'B', qty: 3, tags: ['a', 'b'], data: { total: 5 } });
    });

    it('creates missing paths on $set, $inc and $push', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A' });
      const after = await c.findOneAndUpdate(
        { _id: doc._id },
        { $set: { 'meta.deep.flag': true }, $inc: { counter: 4 }, $push: { log: { at: 1 } } },
      );
      expect(after).toEqual({ _id: doc._id, sku: 'A', meta: { deep: { flag: true } }, counter: 4, log: [{ at: 1 }] });
    });

    it('pushes several values with $each', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ tags: ['a'] });
      const after = await c.findOneAndUpdate({ _id: doc._id }, { $push: { tags: { $each: ['b', 'c'] } } });
      expect(after?.tags).toEqual(['a', 'b', 'c']);
    });

    it('refuses two operators on the same or overlapping paths and changes nothing', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A', qty: 1, data: { total: 1 } });
      await expect(c.updateOne({ _id: doc._id }, { $set: { qty: 5 }, $inc: { qty: 1 } })).rejects.toThrow();
      await expect(c.updateOne({ _id: doc._id }, { $set: { data: {} }, $inc: { 'data.total': 1 } })).rejects.toThrow();
      expect(await c.findById(doc._id)).toEqual({ _id: doc._id, sku: 'A', qty: 1, data: { total: 1 } });
    });

    it('unsets a top-level field', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A', qty: 1 });
      await c.updateOne({ _id: doc._id }, { $unset: { qty: 1 } });
      expect(await c.findById(doc._id)).toEqual({ _id: doc._id, sku: 'A' });
    });

    it('updates many documents and returns how many matched', async () => {
      const c = ctx.fresh();
      await c.insertMany([
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 1 },
        { sku: 'C', qty: 5 },
      ]);
      expect(await c.updateMany({ qty: 1 }, { $set: { qty: 2 }, $push: { tags: 'bulk' } })).toBe(2);
      expect(await c.count({ qty: 2, tags: 'bulk' })).toBe(2);
      expect(await c.updateMany({ qty: 99 }, { $set: { qty: 3 } })).toBe(0);
    });
  });

  describe('upsert', () => {
    it('inserts from the filter, $setOnInsert and $set when nothing matches', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      expect(await c.updateOne({ _id: 'counter:orders' }, { $inc: { seq: 1 } }, { upsert: true })).toBe(true);
      expect(await c.updateOne({ _id: 'counter:orders' }, { $inc: { seq: 1 } }, { upsert: true })).toBe(true);
      expect(await c.findById('counter:orders')).toEqual({ _id: 'counter:orders', seq: 2 });
    });

    it('does not insert without upsert', async () => {
      const c = ctx.fresh();
      expect(await c.updateOne({ sku: 'none' }, { $set: { qty: 1 } })).toBe(false);
      expect(await c.findOneAndUpdate({ sku: 'none' }, { $set: { qty: 1 } })).toBeNull();
      expect(await c.count()).toBe(0);
    });
  });

  describe('delete', () => {
    it('deletes one matching document', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ sku: 'A' }, { sku: 'A' }, { sku: 'B' }]);
      expect(await c.deleteOne({ sku: 'A' })).toBe(true);
      expect(await c.count({ sku: 'A' })).toBe(1);
      expect(await c.deleteOne({ sku: 'Z' })).toBe(false);
    });

    it('deletes many matching documents', async () => {
      const c = ctx.fresh();
      await c.insertMany([
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
        { sku: 'C', qty: 3 },
      ]);
      expect(await c.deleteMany({ qty: { $lte: 2 } })).toBe(2);
      expect((await c.find({})).map((d) => d.sku)).toEqual(['C']);
      expect(await c.deleteMany({ qty: 42 })).toBe(0);
    });

    it('frees the _id of a deleted document', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'x', sku: 'A' });
      expect(await c.deleteOne({ _id: 'x' })).toBe(true);
      expect(await c.findById('x')).toBeNull();
      expect((await c.insertOne({ _id: 'x', sku: 'B' })).sku).toBe('B');
    });
  });
}
