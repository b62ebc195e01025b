// The `after_sales_analysis` report: after-sales cases opened in the period,
// grouped by kind, product and cause — how many, how many still open, how many
// ran past their SLA, the quantity returned, the credit given and the average
// satisfaction of the cases that recorded one.
import { documentsCollection } from '../documents/index';
import { Dec } from '../money/index';
import {
  bilingual as t,
  defineReport,
  label,
  masterNames,
  objectSchema,
  paramSchemas,
  reportColumn as col,
} from '../reports/index';
import { OPEN_STATES } from './sla';

const HOUR = 3_600_000;

interface Params {
  from?: string;
  to?: string;
  kind?: string;
  customer?: string;
}

interface Group {
  kind: string;
  product: string | null;
  cause: string;
  cases: number;
  open: number;
  overdue: number;
  qty: Dec;
  credit: Dec;
  scores: number[];
}

/** Built when an engine registers it (the reports capability and the engine context import each other). */
export const afterSalesReport = () =>
  defineReport<Params>({
    key: 'after_sales_analysis',
    title: t('售后分析', 'After-sales analysis'),
    description: t('按类型、商品和原因统计售后服务单', 'After-sales cases by kind, product and cause'),
    params: objectSchema({
      from: { ...paramSchemas.from, ...label('受理日期从', 'Opened from') },
      to: { ...paramSchemas.to, ...label('受理日期至', 'Opened to') },
      kind: {
        type: 'string',
        enum: ['repair', 'return', 'exchange', 'complaint'],
        ...label('类型', 'Kind'),
      },
      customer: paramSchemas.customer,
    }),
    roles: ['sales_manager', 'finance_manager'],
    async run(ctx, params) {
      const createdAt: Record<string, Date> = {};
      if (params.from) createdAt.$gte = new Date(`${params.from}T00:00:00Z`);
      if (params.to) createdAt.$lte = new Date(`${params.to}T23:59:59.999Z`);
      const cases = await documentsCollection(ctx.store, 'after_sales').find({
        ...(Object.keys(createdAt).length > 0 ? { createdAt } : {}),
        ...(params.kind ? { 'data.kind': params.kind } : {}),
        ...(params.customer ? { 'data.customer': params.customer } : {}),
      });
      const groups = new Map<string, Group>();
      for (const c of cases) {
        const d = c.data;
        const lines = (d.lines as Array<{ product?: string; qty?: number }> | undefined) ?? [];
        // A case without a product of its own counts under its first returned line's.
        const product = typeof d.product === 'string' ? d.product : (lines[0]?.product ?? null);
        const key = `${String(d.kind)}\u0000${product ?? ''}\u0000${String(d.cause)}`;
        const g = groups.get(key) ?? {
          kind: String(d.kind),
          product,
          cause: String(d.cause),
          cases: 0,
          open: 0,
          overdue: 0,
          qty: new Dec(0),
          credit: new Dec(0),
          scores: [],
        };
        groups.set(key, g);
        g.cases += 1;
        const open = OPEN_STATES.includes(c.state);
        if (open) g.open += 1;
        const hours = typeof d.slaHours === 'number' ? d.slaHours : null;
        // Overdue: still open past the SLA, or resolved after it (the resolving event's time is the update).
        const endedAt = open ? ctx.now : c.updatedAt;
        if (hours !== null && endedAt.getTime() - c.createdAt.getTime() > hours * HOUR) g.overdue += 1;
        for (const l of lines) g.qty = g.qty.plus(l.qty ?? 0);
        if (typeof d.creditAmount === 'number' && c.state !== 'rejected') g.credit = g.credit.plus(d.creditAmount);
        if (typeof d.satisfaction === 'number') g.scores.push(d.satisfaction);
      }
      await ctx.progress(70);
      const rows = [...groups.values()];
      const names = await masterNames(
        ctx.store,
        'product',
        rows.flatMap((g) => (g.product ? [g.product] : [])),
      );
      rows.sort((a, b) => b.cases - a.cases || a.kind.localeCompare(b.kind) || a.cause.localeCompare(b.cause));
      return {
        columns: [
          col('kind', '类型', 'Kind', 'text'),
          col('product', '商品', 'Product', 'text'),
          col('cause', '原因', 'Cause', 'text'),
          col('cases', '单数', 'Cases', 'number'),
          col('open', '未办结', 'Open', 'number'),
          col('overdue', '超时', 'Past SLA', 'number'),
          col('qty', '退换数量', 'Quantity returned', 'number'),
          col('credit', '退款金额', 'Credit', 'money'),
          col('satisfaction', '平均满意度', 'Average satisfaction', 'number'),
        ],
        chart: { type: 'bar', x: 'cause', y: ['cases'] },
        rows: rows.map((g) => ({
          values: {
            kind: g.kind,
            product: g.product ? (names.get(g.product)?.name ?? g.product) : null,
            cause: g.cause,
            cases: g.cases,
            open: g.open,
            overdue: g.overdue,
            qty: g.qty.toNumber(),
            credit: g.credit.toDecimalPlaces(2).toNumber(),
            satisfaction:
              g.scores.length === 0
                ? null
                : new Dec(g.scores.reduce((s, v) => s + v, 0)).div(g.scores.length).toDecimalPlaces(2).toNumber(),
          },
          drill: { type: 'after_sales', query: { ...(params.customer ? { customer: params.customer } : {}) } },
        })),
      };
    },
  });
