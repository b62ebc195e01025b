// `gross_margin`: revenue, cost of goods sold, margin and margin % of shipped
// lines (the cost records `finance.cogs` writes), by order, product, customer or
// clerk, for a period of ship dates.
import type { Store } from '../../store/index';
import { defineReport, masterNames, objectSchema, paramSchemas } from '../../reports/index';
import { SALES_COSTS, type SalesCostDoc } from '../stock-postings';
import { col, FINANCE_ROLES, percent, t, yuan } from './common';

type GroupBy = 'order' | 'product' | 'customer' | 'clerk';

interface Params {
  from?: string;
  to?: string;
  groupBy?: GroupBy;
}

const keyOf: Record<GroupBy, (d: SalesCostDoc) => string> = {
  order: (d) => d.order,
  product: (d) => d.product,
  customer: (d) => d.customer,
  clerk: (d) => d.clerk,
};

async function labels(store: Store, groupBy: GroupBy, docs: SalesCostDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(docs.map(keyOf[groupBy]))];
  if (groupBy === 'order') return new Map(docs.map((d) => [d.order, d.orderNumber]));
  if (groupBy === 'clerk') {
    const users = await store.collection<{ _id: string; username: string }>('users').find({ _id: { $in: ids } });
    return new Map(users.map((u) => [u._id, u.username]));
  }
  const names = await masterNames(store, groupBy, ids);
  return new Map([...names].map(([id, info]) => [id, info.name]));
}

export const grossMargin = defineReport<Params>({
  key: 'gross_margin',
  title: t('毛利分析', 'Gross margin'),
  params: objectSchema({
    from: paramSchemas.from,
    to: paramSchemas.to,
    groupBy: {
      type: 'string',
      enum: ['order', 'product', 'customer', 'clerk'],
      default: 'product',
      title: '分组 / Group by',
    },
  }),
  roles: [...FINANCE_ROLES, 'sales_manager'],
  async run(ctx, params) {
    const groupBy = params.groupBy ?? 'product';
    const range: Record<string, string> = {};
    if (params.from) range.$gte = params.from;
    if (params.to) range.$lte = params.to;
    const docs = await ctx.store
      .collection<SalesCostDoc>(SALES_COSTS)
      .find(Object.keys(range).length > 0 ? { date: range } : {});
    const groups = new Map<string, { revenue: number; cogs: number }>();
    for (const d of docs) {
      const g = groups.get(keyOf[groupBy](d)) ?? { revenue: 0, cogs: 0 };
      groups.set(keyOf[groupBy](d), { revenue: g.revenue + d.revenueCents, cogs: g.cogs + d.cogsCents });
    }
    const names = await labels(ctx.store, groupBy, docs);
    const revenue = docs.reduce((s, d) => s + d.revenueCents, 0);
    const cogs = docs.reduce((s, d) => s + d.cogsCents, 0);
    return {
      columns: [
        col('key', '分组', 'Group', 'text'),
        col('revenue', '收入', 'Revenue', 'money'),
        col('cogs', '销售成本', 'COGS', 'money'),
        col('margin', '毛利', 'Margin', 'money'),
        col('marginPct', '毛利率', 'Margin %', 'percent'),
      ],
      chart: { type: 'bar', x: 'key', y: ['revenue', 'margin'] },
      rows: [...groups].map(([id, g]) => ({
        values: {
          key: names.get(id) ?? id,
          id,
          revenue: yuan(g.revenue),
          cogs: yuan(g.cogs),
          margin: yuan(g.revenue - g.cogs),
          marginPct: percent(g.revenue - g.cogs, g.revenue),
        },
      })),
      totals: {
        revenue: yuan(revenue),
        cogs: yuan(cogs),
        margin: yuan(revenue - cogs),
        marginPct: percent(revenue - cogs, revenue),
      },
    };
  },
});
