// Document flow reports: order counts per state with the average time from
// creation to the last change (order_status), and how long each document type
// spends in each state, average and p90, from the append-only events
// (time_in_state).
import { documentsCollection, EVENTS_COLLECTION, type EventRecord } from '../../documents/index';
import { Dec } from '../../money/index';
import {
  choices,
  drillQuery,
  equalsFilter,
  label,
  money,
  objectSchema,
  paramSchemas,
  periodFilter,
  type CommonParams,
} from '../params';
import { bilingual as t, defineReport, reportColumn as col } from '../types';

const FLOW_ROLES = ['sales_manager', 'purchase_manager', 'finance_manager'];
const HOUR = 3_600_000;
const hours = (ms: number): number => new Dec(ms).div(HOUR).toDecimalPlaces(2).toNumber();
const docType = {
  ...choices([
    ['sales_order', '销售订单', 'Sales order'],
    ['purchase_order', '采购订单', 'Purchase order'],
  ]),
  default: 'sales_order',
  ...label('单据类型', 'Document type'),
};

type StatusParams = CommonParams & { type?: 'sales_order' | 'purchase_order' };

export const orderStatus = defineReport<StatusParams>({
  key: 'order_status',
  title: t('订单状态统计', 'Orders by state'),
  params: objectSchema({
    type: docType,
    from: paramSchemas.from,
    to: paramSchemas.to,
    warehouse: paramSchemas.warehouse,
    customer: paramSchemas.customer,
  }),
  roles: FLOW_ROLES,
  async run(ctx, params) {
    const type = params.type ?? 'sales_order';
    const groups = await documentsCollection(ctx.store, type).aggregate<{
      _id: string;
      count: number;
      amount: number;
      avgMs: number | null;
    }>([
      {
        $match: {
          ...periodFilter('data.orderDate', params),
          ...equalsFilter([
            ['data.warehouse', params.warehouse],
            ['data.customer', type === 'sales_order' ? params.customer : undefined],
          ]),
        },
      },
      {
        $group: {
          _id: '$state',
          count: { $sum: 1 },
          amount: { $sum: '$data.total' },
          avgMs: { $avg: { $subtract: ['$updatedAt', '$createdAt'] } },
        },
      },
      { $sort: { count: -1, _id: 1 } },
    ]);
    return {
      columns: [
        col('state', '状态', 'State', 'text'),
        col('count', '单数', 'Count', 'number'),
        col('amount', '金额', 'Amount', 'money'),
        col('avgHours', '平均处理时长(小时)', 'Average processing (h)', 'hours'),
      ],
      chart: { type: 'pie', x: 'state', y: ['count'] },
      rows: groups.map((g) => ({
        values: {
          state: g._id,
          count: g.count,
          amount: money(g.amount),
          avgHours: g.avgMs === null ? null : hours(g.avgMs),
        },
        drill: {
          type,
          query: {
            ...drillQuery(params, { customer: type === 'sales_order' ? params.customer : undefined }),
            state: g._id,
          },
        },
      })),
    };
  },
});

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

type TimeParams = { type?: string; from?: string; to?: string };

export const timeInState = defineReport<TimeParams>({
  key: 'time_in_state',
  title: t('各状态停留时长', 'Time in state'),
  params: objectSchema({
    type: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$', ...label('单据类型', 'Document type') },
    from: { ...paramSchemas.from, ...label('离开状态不早于', 'Left on or after') },
    to: { ...paramSchemas.to, ...label('离开状态不晚于', 'Left on or before') },
  }),
  roles: FLOW_ROLES,
  async run(ctx, params) {
    // One pass over the events in document order; only the open stretch of each document is held.
    const filter = params.type ? { type: params.type } : {};
    const durations = new Map<string, number[]>();
    let current: { docId: string; state: string; since: number } | null = null;
    const fromMs = params.from ? Date.parse(`${params.from}T00:00:00Z`) : -Infinity;
    const toMs = params.to ? Date.parse(`${params.to}T23:59:59.999Z`) : Infinity;
    const events = ctx.store
      .collection<EventRecord>(EVENTS_COLLECTION)
      .cursor(filter, { sort: { docId: 1, seq: 1 }, projection: { docId: 1, type: 1, to: 1, at: 1, seq: 1 } });
    for await (const event of events) {
      const at = new Date(event.at).getTime();
      if (current && current.docId === event.docId) {
        if (event.to === current.state) continue;
        if (at >= fromMs && at <= toMs) {
          const key = `${event.type}\u0000${current.state}`;
          const list = durations.get(key) ?? [];
          list.push(at - current.since);
          durations.set(key, list);
        }
      }
      current = { docId: event.docId, state: event.to, since: at };
    }
    await ctx.progress(80);
    const rows = [...durations.entries()]
      .map(([key, list]) => {
        const [type, state] = key.split('\u0000');
        const sorted = [...list].sort((a, b) => a - b);
        const total = sorted.reduce((sum, ms) => sum + ms, 0);
        return { type, state, count: sorted.length, avg: total / sorted.length, p90: percentile(sorted, 90) };
      })
      .sort((a, b) => a.type.localeCompare(b.type) || b.avg - a.avg);
    return {
      columns: [
        col('type', '单据类型', 'Document type', 'text'),
        col('state', '状态', 'State', 'text'),
        col('count', '次数', 'Times left', 'number'),
        col('avgHours', '平均(小时)', 'Average (h)', 'hours'),
        col('p90Hours', 'P90(小时)', 'p90 (h)', 'hours'),
      ],
      chart: { type: 'bar', x: 'state', y: ['avgHours', 'p90Hours'] },
      rows: rows.map((r) => ({
        values: { type: r.type, state: r.state, count: r.count, avgHours: hours(r.avg), p90Hours: hours(r.p90) },
        drill: { type: r.type, query: {} },
      })),
    };
  },
});
