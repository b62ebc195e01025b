// Store contract: Unique indexes, single and compound, on insert, update and upsert.
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../engine/errors';
import type { ContractContext } from './context';

export function indexContract(ctx: ContractContext): void {
  describe('unique indexes', () => {
    it('refuses a duplicate insert with DuplicateKeyError', async () => {
      const c = ctx.fresh();
      await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
      await c.insertOne({ sku: 'A' });
      const err = await c.insertOne({ sku: 'A' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect((err as DuplicateKeyError).code).toBe('DUPLICATE_KEY');
      expect(await c.count()).toBe(1);
    });

    it('refuses an update that would duplicate a key and leaves the document unchanged', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
      await c.insertOne({ sku: 'A', qty: 1 });
      await expect(c.updateOne({ qty: 2 }, { $set: { sku: 'A' } }, { upsert: true })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      expect(await c.count()).toBe(1);
    });

    it('allows updating a document while keeping its own key', async () => {
      const c = ctx.fresh();
      await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
      const doc = await c.insertOne({ sku: 'A', qty: 1 });
      expect(await c.updateOne({ _id: doc._id }, { $set: { sku: 'A', qty: 2 } })).toBe(true);
      expect((await c.findById(doc._id))?.qty).toBe(2);
    });

    it('frees a key when its document is deleted or changes key', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
      await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
      await c.insertOne({ sku: 'A' });
      await expect(c.insertOne({ sku: 'A' })).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('enforces a compound unique index on the combination only', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      await c.createIndex({ name: 'number_unique', keys: { 'data.number': 1 }, unique: true });
      await c.insertOne({ data: { number: 'SO-1' } });
      await c.insertOne({ data: { number: 'SO-2' } });
      await expect(c.insertOne({ data: { number: 'SO-1' } })).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('refuses to create a unique index over existing duplicates', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ sku: 'A' }, { sku: 'A' }]);
      await expect(c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      expect(await c.count()).toBe(2);
    });

    it('accepts a non-unique index over duplicates', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ sku: 'A' }, { sku: 'A' }]);
      await c.createIndex({ name: 'sku_plain', keys: { sku: 1 } });
      await c.insertOne({ sku: 'A' });
      expect(await c.count({ sku: 'A' })).toBe(3);
    });
  });
}
