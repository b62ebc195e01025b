// Stock reports from the stock levels and the append-only moves: the balance per
// product × warehouse, and slow-moving stock (on hand, but little or nothing
// issued within N days).
import type { LocalizedText } from '../../definitions/index';
import { toUnits, LEVELS, MOVES } from '../../inventory/index';
import { label, masterNames, objectSchema, paramSchemas, productsInCategory, type CommonParams } from '../params';
import { defineReport, type ReportColumn } from '../types';

const STOCK_ROLES = ['warehouse_keeper', 'purchaser', 'purchase_manager', 'sales_manager'];
const col = (key: string, zh: string, en: string, type: ReportColumn['type']): ReportColumn => ({
  key,
  title: { 'zh-CN': zh, en },
  type,
});
const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

interface LevelGroup {
  _id: { product: string; warehouse: string };
  onHand: number;
  reserved: number;
  incoming: number;
}

async function levelMatch(params: CommonParams, products: string[] | null): Promise<Record<string, unknown>> {
  return {
    ...(params.warehouse !== undefined ? { warehouse: params.warehouse } : {}),
    ...(products ? { product: { $in: products } } : {}),
  };
}

export const stockBalance = defineReport<CommonParams>({
  key: 'stock_balance',
  title: t('库存余额', 'Stock balance'),
  params: objectSchema({ warehouse: paramSchemas.warehouse, category: paramSchemas.category }),
  roles: STOCK_ROLES,
  async run(ctx, params) {
    const products = await productsInCategory(ctx.store, params.category);
    const groups = await ctx.store.collection(LEVELS).aggregate<LevelGroup>([
      { $match: await levelMatch(params, products) },
      {
        $group: {
          _id: { product: '$product', warehouse: '$warehouse' },
          onHand: { $sum: '$onHand' },
          reserved: { $sum: '$reserved' },
          incoming: { $sum: '$incoming' },
        },
      },
      { $sort: { '_id.product': 1, '_id.warehouse': 1 } },
    ]);
    const productNames = await masterNames(ctx.store, 'product', [...new Set(groups.map((g) => g._id.product))]);
    const warehouseNames = await masterNames(ctx.store, 'warehouse', [...new Set(groups.map((g) => g._id.warehouse))]);
    return {
      columns: [
        col('sku', '商品编码', 'SKU', 'text'),
        col('product', '商品', 'Product', 'text'),
        col('warehouse', '仓库', 'Warehouse', 'text'),
        col('onHand', '在库', 'On hand', 'number'),
        col('reserved', '已预留', 'Reserved', 'number'),
        col('available', '可用', 'Available', 'number'),
        col('incoming', '在途', 'Incoming', 'number'),
        col('projected', '预计可用', 'Projected', 'number'),
      ],
      chart: { type: 'bar', x: 'product', y: ['onHand', 'available'] },
      rows: groups.map((g) => {
        // Levels hold integer milli-units (inventory/quantity.ts); the report speaks in units.
        const available = toUnits(g.onHand - g.reserved);
        return {
          values: {
            sku: productNames.get(g._id.product)?.code ?? '',
            product: productNames.get(g._id.product)?.name ?? g._id.product,
            warehouse: warehouseNames.get(g._id.warehouse)?.name ?? g._id.warehouse,
            onHand: toUnits(g.onHand),
            reserved: toUnits(g.reserved),
            available,
            incoming: toUnits(g.incoming),
            projected: toUnits(g.onHand - g.reserved + g.incoming),
          },
          drill: { type: 'inventory.ledger', query: { product: g._id.product, warehouse: g._id.warehouse } },
        };
      }),
    };
  },
});

type SlowParams = CommonParams & { days?: number; maxIssued?: number };

interface IssueGroup {
  _id: string;
  issued: number;
  lastIssue: Date | null;
}

export const slowMoving = defineReport<SlowParams>({
  key: 'slow_moving',
  title: t('呆滞库存', 'Slow-moving stock'),
  params: objectSchema({
    warehouse: paramSchemas.warehouse,
    category: paramSchemas.category,
    days: { type: 'integer', minimum: 1, maximum: 3650, default: 90, ...label('天数', 'Days without sales') },
    maxIssued: { type: 'number', minimum: 0, default: 0, ...label('期间最多出库', 'At most issued (units)') },
  }),
  roles: STOCK_ROLES,
  async run(ctx, params) {
    const days = params.days ?? 90;
    const since = new Date(ctx.now.getTime() - days * 86_400_000);
    const products = await productsInCategory(ctx.store, params.category);
    const match = await levelMatch(params, products);
    const onHand = await ctx.store
      .collection(LEVELS)
      .aggregate<{ _id: string; onHand: number }>([
        { $match: { ...match, onHand: { $gt: 0 } } },
        { $group: { _id: '$product', onHand: { $sum: '$onHand' } } },
      ]);
    // Issues are negative on-hand deltas; the window's sum and the last one ever.
    const issues = await ctx.store.collection(MOVES).aggregate<IssueGroup>([
      { $match: { ...match, kind: 'issue', product: { $in: onHand.map((g) => g._id) } } },
      {
        $group: {
          _id: '$product',
          issued: { $sum: { $cond: [{ $gte: ['$at', since] }, '$delta.onHand', 0] } },
          lastIssue: { $max: '$at' },
        },
      },
    ]);
    await ctx.progress(70);
    const byProduct = new Map(issues.map((g) => [g._id, g]));
    const slow = onHand
      .map((g) => ({
        product: g._id,
        onHand: g.onHand,
        issued: -(byProduct.get(g._id)?.issued ?? 0),
        lastIssue: byProduct.get(g._id)?.lastIssue ?? null,
      }))
      .filter((g) => toUnits(g.issued) <= (params.maxIssued ?? 0))
      .sort((a, b) => b.onHand - a.onHand || a.product.localeCompare(b.product));
    const names = await masterNames(
      ctx.store,
      'product',
      slow.map((g) => g.product),
    );
    return {
      columns: [
        col('sku', '商品编码', 'SKU', 'text'),
        col('product', '商品', 'Product', 'text'),
        col('onHand', '在库', 'On hand', 'number'),
        col('issued', `近${days}天出库`, `Issued in ${days} days`, 'number'),
        col('lastIssue', '最后出库', 'Last issued', 'date'),
      ],
      chart: { type: 'bar', x: 'product', y: ['onHand'] },
      rows: slow.map((g) => ({
        values: {
          sku: names.get(g.product)?.code ?? '',
          product: names.get(g.product)?.name ?? g.product,
          onHand: toUnits(g.onHand),
          issued: toUnits(g.issued),
          lastIssue: g.lastIssue ? new Date(g.lastIssue).toISOString().slice(0, 10) : null,
        },
        drill: {
          type: 'inventory.ledger',
          query: { product: g.product, ...(params.warehouse ? { warehouse: params.warehouse } : {}) },
        },
      })),
    };
  },
});
