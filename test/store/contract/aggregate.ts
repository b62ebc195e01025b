// Store contract: The aggregation stages the engine uses: $match, $group ($sum, $count, $avg, $min, $max), $sort, $project, $unwind, $limit, $skip.
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../../engine/store/types';
import type { ContractContext, Item } from './context';

export function aggregateContract(ctx: ContractContext): void {
  describe('aggregate', () => {
    const seed = async (c: Collection<Item>): Promise<void> => {
      await c.insertMany([
        {
          _id: 'o1',
          customer: 'acme',
          status: 'open',
          data: { total: 100 },
          lines: [
            { sku: 'A', qty: 1 },
            { sku: 'B', qty: 2 },
          ],
        },
        { _id: 'o2', customer: 'acme', status: 'done', data: { total: 50 }, lines: [{ sku: 'A', qty: 3 }] },
        { _id: 'o3', customer: 'zeta', status: 'open', data: { total: 30 }, lines: [{ sku: 'B', qty: 4 }] },
        { _id: 'o4', customer: 'zeta', status: 'void', data: { total: 999 }, lines: [] },
      ]);
    };

    it('groups with $sum, $count, $avg, $min and $max after $match, sorted', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      await seed(c);
      expect(await c.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }])).toEqual([{ _id: null, n: 4 }]);
    });

    it('unwinds arrays and groups their elements', async () => {
      const c = ctx.fresh();
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
      const c = ctx.fresh();
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
      const c = ctx.fresh();
      expect(await c.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }])).toEqual([]);
    });

    it('does not change stored documents', async () => {
      const c = ctx.fresh();
      await seed(c);
      await c.aggregate([{ $unwind: '$lines' }, { $project: { sku: '$lines.sku' } }]);
      expect((await c.findById('o1'))?.lines).toEqual([
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
      ]);
    });
  });
}
