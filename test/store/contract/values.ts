// Store contract: Value round-trips (Dates, scalars, nested data, $-keys) and isolation of returned documents.
import { describe, expect, it } from 'vitest';
import type { ContractContext, Item } from './context';

export function valueContract(ctx: ContractContext): void {
  describe('values', () => {
    it('round-trips Dates as Date objects and compares them in filters and sorts', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      const schema = {
        schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', $defs: { a: { $ref: '#/x' } } },
      };
      const doc = await c.insertOne(schema);
      expect(await c.findById(doc._id)).toEqual({ _id: doc._id, ...schema });
    });
  });

  describe('isolation of returned documents', () => {
    it('returns copies from reads, so mutating them changes nothing', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      const input = { sku: 'A', tags: ['a'], data: { total: 1 } };
      const returned = await c.insertOne(input);
      input.tags.push('x');
      input.data.total = 99;
      returned.sku = 'changed';
      expect(await c.findById(returned._id)).toEqual({ _id: returned._id, sku: 'A', tags: ['a'], data: { total: 1 } });
    });

    it('returns copies from updates, and copies values taken from the update', async () => {
      const c = ctx.fresh();
      const doc = await c.insertOne({ sku: 'A' });
      const payload = { list: [1] };
      const after = (await c.findOneAndUpdate({ _id: doc._id }, { $set: { payload } })) as Item;
      payload.list.push(2);
      (after.payload as { list: number[] }).list.push(3);
      expect((await c.findById(doc._id))?.payload).toEqual({ list: [1] });
    });
  });
}
