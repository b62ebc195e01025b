// `stock_value`: what stock is worth, per product × warehouse (moving weighted
// average, inventory/valuation.ts), with a row per product category and warehouse
// when grouped. The figures are the cost records' exact cents.
import { toUnits, VALUATION, type ValuationDoc } from '../../inventory/index';
import { Dec } from '../../money/index';
import { defineReport, masterNames, objectSchema, paramSchemas, productsInCategory } from '../../reports/index';
import { col, FINANCE_ROLES, t, yuan } from './common';

interface Params {
  warehouse?: string;
  category?: string;
}

export const stockValue = defineReport<Params>({
  key: 'stock_value',
  title: t('库存金额', 'Stock value'),
  description: t('按移动加权平均成本计算的库存金额', 'Stock valued at moving weighted average cost'),
  params: objectSchema({ warehouse: paramSchemas.warehouse, category: paramSchemas.category }),
  roles: [...FINANCE_ROLES, 'warehouse_keeper', 'purchase_manager'],
  async run(ctx, params) {
    const products = await productsInCategory(ctx.store, params.category);
    const filter: Record<string, unknown> = {};
    if (params.warehouse) filter.warehouse = params.warehouse;
    if (products) filter.product = { $in: products };
    const docs = (await ctx.store.collection<ValuationDoc>(VALUATION).find(filter)).filter(
      (d) => d.qty !== 0 || d.valueCents !== 0,
    );
    const names = await masterNames(ctx.store, 'product', [...new Set(docs.map((d) => d.product))]);
    const warehouses = await masterNames(ctx.store, 'warehouse', [...new Set(docs.map((d) => d.warehouse))]);
    docs.sort((a, b) => (a.warehouse + a.product < b.warehouse + b.product ? -1 : 1));
    const total = docs.reduce((sum, d) => sum + d.valueCents, 0);
    return {
      columns: [
        col('warehouse', '仓库', 'Warehouse', 'text'),
        col('category', '类别', 'Category', 'text'),
        col('sku', '商品编码', 'SKU', 'text'),
        col('product', '商品', 'Product', 'text'),
        col('onHand', '数量', 'Quantity', 'number'),
        col('unitCost', '平均单价', 'Average cost', 'money'),
        col('value', '金额', 'Value', 'money'),
      ],
      chart: { type: 'bar', x: 'product', y: ['value'] },
      rows: docs.map((d) => ({
        values: {
          warehouse: warehouses.get(d.warehouse)?.name ?? d.warehouse,
          category: names.get(d.product)?.category ?? '',
          sku: names.get(d.product)?.code ?? '',
          product: names.get(d.product)?.name ?? d.product,
          onHand: toUnits(d.qty),
          unitCost: d.qty > 0 ? new Dec(d.valueCents).div(d.qty).times(10).toDecimalPlaces(4).toNumber() : 0,
          value: yuan(d.valueCents),
        },
        drill: { type: 'inventory.ledger', query: { product: d.product, warehouse: d.warehouse } },
      })),
      totals: { value: yuan(total) },
    };
  },
});
