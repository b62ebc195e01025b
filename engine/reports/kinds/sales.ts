// Sales reports over approved-and-later sales orders: trend by day or month,
// product and customer rankings. Each groups order lines in the store
// ($unwind + $group) and looks up only the names of the rows it returns.
import type { PipelineStage } from '../../store/index';
import { documentsCollection } from '../../documents/index';
import {
  choices,
  drillQuery,
  equalsFilter,
  label,
  masterNames,
  money,
  objectSchema,
  paramSchemas,
  periodFilter,
  productsInCategory,
  qty,
  SOLD_STATES,
  type CommonParams,
} from '../params';
import { bilingual as t, defineReport, reportColumn as col, type ReportRunContext } from '../types';

const SALES_ROLES = ['sales_manager', 'finance_manager', 'sales_clerk'];

const salesFilters = {
  from: paramSchemas.from,
  to: paramSchemas.to,
  warehouse: paramSchemas.warehouse,
  customer: paramSchemas.customer,
  category: paramSchemas.category,
};

/** Order lines that count as sales under the common filters. */
async function salesLines(ctx: ReportRunContext, params: CommonParams): Promise<PipelineStage[]> {
  const products = await productsInCategory(ctx.store, params.category);
  return [
    {
      $match: {
        state: { $in: SOLD_STATES },
        ...periodFilter('data.orderDate', params),
        ...equalsFilter([
          ['data.warehouse', params.warehouse],
          ['data.customer', params.customer],
        ]),
      },
    },
    { $unwind: '$data.lines' },
    ...(products ? [{ $match: { 'data.lines.product': { $in: products } } }] : []),
  ];
}

interface Grouped {
  _id: string;
  amount: number;
  qty: number;
  orders: string[];
}

type TrendParams = CommonParams & { granularity?: 'day' | 'month' };

export const salesTrend = defineReport<TrendParams>({
  key: 'sales_trend',
  title: t('销售趋势', 'Sales trend'),
  params: objectSchema({
    ...salesFilters,
    granularity: {
      ...choices([
        ['day', '按日', 'By day'],
        ['month', '按月', 'By month'],
      ]),
      default: 'month',
      ...label('粒度', 'Granularity'),
    },
  }),
  roles: SALES_ROLES,
  async run(ctx, params) {
    const length = params.granularity === 'day' ? 10 : 7;
    const pipeline = [
      ...(await salesLines(ctx, params)),
      {
        $group: {
          _id: { $substrCP: ['$data.orderDate', 0, length] },
          amount: { $sum: '$data.lines.amount' },
          qty: { $sum: '$data.lines.qty' },
          orders: { $addToSet: '$_id' },
        },
      },
      { $sort: { _id: 1 } },
    ];
    const groups = await documentsCollection(ctx.store, 'sales_order').aggregate<Grouped>(pipeline);
    await ctx.progress(80);
    return {
      columns: [
        col('period', '期间', 'Period', 'text'),
        col('orders', '订单数', 'Orders', 'number'),
        col('qty', '数量', 'Quantity', 'number'),
        col('amount', '销售额', 'Sales', 'money'),
      ],
      chart: { type: 'line', x: 'period', y: ['amount'] },
      rows: groups.map((g) => ({
        values: { period: g._id, orders: g.orders.length, qty: qty(g.qty), amount: money(g.amount) },
        drill: {
          type: 'sales_order',
          query: drillQuery(params, { from: periodStart(g._id), to: periodEnd(g._id), customer: params.customer }),
          states: SOLD_STATES,
        },
      })),
    };
  },
});

const periodStart = (period: string): string => (period.length === 7 ? `${period}-01` : period);
function periodEnd(period: string): string {
  if (period.length !== 7) return period;
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}

export const productRanking = defineReport<CommonParams>({
  key: 'product_ranking',
  title: t('商品销售排行', 'Product ranking'),
  params: objectSchema({ ...salesFilters, limit: paramSchemas.limit }),
  roles: SALES_ROLES,
  async run(ctx, params) {
    const pipeline = [
      ...(await salesLines(ctx, params)),
      {
        $group: {
          _id: '$data.lines.product',
          amount: { $sum: '$data.lines.amount' },
          qty: { $sum: '$data.lines.qty' },
          orders: { $addToSet: '$_id' },
        },
      },
      { $sort: { amount: -1, _id: 1 } },
      { $limit: params.limit ?? 10 },
    ];
    const groups = await documentsCollection(ctx.store, 'sales_order').aggregate<Grouped>(pipeline);
    const names = await masterNames(
      ctx.store,
      'product',
      groups.map((g) => g._id),
    );
    return {
      columns: [
        col('rank', '名次', 'Rank', 'number'),
        col('sku', '商品编码', 'SKU', 'text'),
        col('product', '商品', 'Product', 'text'),
        col('qty', '数量', 'Quantity', 'number'),
        col('amount', '销售额', 'Sales', 'money'),
        col('orders', '订单数', 'Orders', 'number'),
      ],
      chart: { type: 'bar', x: 'product', y: ['amount'] },
      rows: groups.map((g, i) => ({
        values: {
          rank: i + 1,
          sku: names.get(g._id)?.code ?? '',
          product: names.get(g._id)?.name ?? g._id,
          qty: qty(g.qty),
          amount: money(g.amount),
          orders: g.orders.length,
        },
        drill: {
          type: 'sales_order',
          query: drillQuery(params, { customer: params.customer, product: g._id }),
          states: SOLD_STATES,
        },
      })),
    };
  },
});

export const customerRanking = defineReport<CommonParams>({
  key: 'customer_ranking',
  title: t('客户销售排行', 'Customer ranking'),
  params: objectSchema({ ...salesFilters, limit: paramSchemas.limit }),
  roles: SALES_ROLES,
  async run(ctx, params) {
    const pipeline = [
      ...(await salesLines(ctx, params)),
      {
        $group: {
          _id: '$data.customer',
          amount: { $sum: '$data.lines.amount' },
          qty: { $sum: '$data.lines.qty' },
          orders: { $addToSet: '$_id' },
        },
      },
      { $sort: { amount: -1, _id: 1 } },
      { $limit: params.limit ?? 10 },
    ];
    const groups = await documentsCollection(ctx.store, 'sales_order').aggregate<Grouped>(pipeline);
    const names = await masterNames(
      ctx.store,
      'customer',
      groups.map((g) => g._id),
    );
    return {
      columns: [
        col('rank', '名次', 'Rank', 'number'),
        col('code', '客户编码', 'Code', 'text'),
        col('customer', '客户', 'Customer', 'text'),
        col('orders', '订单数', 'Orders', 'number'),
        col('amount', '销售额', 'Sales', 'money'),
      ],
      chart: { type: 'pie', x: 'customer', y: ['amount'] },
      rows: groups.map((g, i) => ({
        values: {
          rank: i + 1,
          code: names.get(g._id)?.code ?? '',
          customer: names.get(g._id)?.name ?? g._id,
          orders: g.orders.length,
          amount: money(g.amount),
        },
        drill: { type: 'sales_order', query: drillQuery(params, { customer: g._id }), states: SOLD_STATES },
      })),
    };
  },
});
