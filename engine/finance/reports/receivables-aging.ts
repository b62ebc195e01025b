// `receivables_aging` (应收账龄): open amounts per customer by the age of their
// invoice on the day asked for (default today): 0–30, 31–60, 61–90 and > 90
// days, plus what is past its due date.
import { defineReport, masterNames, objectSchema, paramSchemas } from '../../reports/index';
import { openItems } from '../receivables';
import { col, t, yuan } from './common';

interface Params {
  asOf?: string;
  customer?: string;
}

const BUCKETS = ['d0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
const DAY = 86_400_000;

export function bucketOf(invoiceDate: string, asOf: string): (typeof BUCKETS)[number] {
  const days = Math.floor((Date.parse(asOf) - Date.parse(invoiceDate)) / DAY);
  if (days <= 30) return 'd0_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'd90_plus';
}

export const receivablesAging = defineReport<Params>({
  key: 'receivables_aging',
  title: t('应收账龄分析', 'Receivables aging'),
  params: objectSchema({
    asOf: { type: 'string', format: 'date', title: '截止日期 / As of' },
    customer: paramSchemas.customer,
  }),
  roles: ['finance_manager', 'sales_manager'],
  async run(ctx, params) {
    const asOf = params.asOf ?? ctx.now.toISOString().slice(0, 10);
    const items = await openItems(ctx.store).find({
      status: 'open',
      ...(params.customer ? { customer: params.customer } : {}),
    });
    const rows = new Map<string, Record<string, number>>();
    const zero = () => ({ total: 0, overdue: 0, d0_30: 0, d31_60: 0, d61_90: 0, d90_plus: 0 });
    const totals = zero();
    for (const item of items.filter((i) => i.invoiceDate <= asOf && i.openCents > 0)) {
      const row = rows.get(item.customer) ?? zero();
      for (const target of [row, totals]) {
        target.total += item.openCents;
        target[bucketOf(item.invoiceDate, asOf)] += item.openCents;
        if (item.dueDate < asOf) target.overdue += item.openCents;
      }
      rows.set(item.customer, row);
    }
    const names = await masterNames(ctx.store, 'customer', [...rows.keys()]);
    const money = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, yuan(v)]));
    return {
      columns: [
        col('customer', '客户', 'Customer', 'text'),
        col('total', '应收余额', 'Open', 'money'),
        col('d0_30', '0–30 天', '0–30 days', 'money'),
        col('d31_60', '31–60 天', '31–60 days', 'money'),
        col('d61_90', '61–90 天', '61–90 days', 'money'),
        col('d90_plus', '90 天以上', '> 90 days', 'money'),
        col('overdue', '已逾期', 'Overdue', 'money'),
      ],
      chart: { type: 'bar', x: 'customer', y: [...BUCKETS] },
      rows: [...rows].map(([customer, r]) => ({
        values: { customer: names.get(customer)?.name ?? customer, ...money(r) },
        drill: { type: 'sales_invoice', query: { customer } },
      })),
      totals: money(totals),
    };
  },
});
