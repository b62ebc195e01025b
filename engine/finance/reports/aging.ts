// `receivables_aging` (应收账龄) and `payables_aging` (应付账龄): open amounts per
// customer or supplier by the age of their invoice on the day asked for (default
// today): 0–30, 31–60, 61–90 and > 90 days, plus what is past its due date. One
// report shape for both sides (ledger.ts).
import dayjs from 'dayjs';
import type { LocalizedText } from '../../definitions/index';
import { defineReport, masterNames, objectSchema, paramSchemas } from '../../reports/index';
import { AP, AR, openItems, partyOf, type Side } from '../ledger';
import { col, sideReports, t, yuan } from './common';

type Params = { asOf?: string } & Partial<Record<'customer' | 'supplier', string>>;

const BUCKETS = ['d0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;

export function bucketOf(invoiceDate: string, asOf: string): (typeof BUCKETS)[number] {
  const days = dayjs(asOf).diff(dayjs(invoiceDate), 'day');
  if (days <= 30) return 'd0_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'd90_plus';
}

function agingReport(side: Side, key: string, title: LocalizedText) {
  const { roles, party: partyTitle } = sideReports(side);
  return defineReport<Params>({
    key,
    title,
    params: objectSchema({
      asOf: { type: 'string', format: 'date', title: '截止日期 / As of' },
      [side.party]: paramSchemas[side.party],
    }),
    roles,
    async run(ctx, params) {
      const asOf = params.asOf ?? ctx.now.toISOString().slice(0, 10);
      const party = params[side.party];
      const items = await openItems(ctx.store, side).find({
        status: 'open',
        ...(party ? { [side.party]: party } : {}),
      });
      const rows = new Map<string, Record<string, number>>();
      const zero = () => ({ total: 0, overdue: 0, d0_30: 0, d31_60: 0, d61_90: 0, d90_plus: 0 });
      const totals = zero();
      for (const item of items.filter((i) => i.invoiceDate <= asOf && i.openCents > 0)) {
        const row = rows.get(partyOf(side, item)) ?? zero();
        for (const target of [row, totals]) {
          target.total += item.openCents;
          target[bucketOf(item.invoiceDate, asOf)] += item.openCents;
          if (item.dueDate < asOf) target.overdue += item.openCents;
        }
        rows.set(partyOf(side, item), row);
      }
      const names = await masterNames(ctx.store, side.party, [...rows.keys()]);
      const money = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, yuan(v)]));
      return {
        columns: [
          col(side.party, partyTitle['zh-CN'], partyTitle.en, 'text'),
          col('total', side === AR ? '应收余额' : '应付余额', 'Open', 'money'),
          col('d0_30', '0–30 天', '0–30 days', 'money'),
          col('d31_60', '31–60 天', '31–60 days', 'money'),
          col('d61_90', '61–90 天', '61–90 days', 'money'),
          col('d90_plus', '90 天以上', '> 90 days', 'money'),
          col('overdue', '已逾期', 'Overdue', 'money'),
        ],
        chart: { type: 'bar', x: side.party, y: [...BUCKETS] },
        rows: [...rows].map(([id, r]) => ({
          values: { [side.party]: names.get(id)?.name ?? id, id, ...money(r) },
          drill: { type: side.invoiceType, query: { [side.party]: id } },
        })),
        totals: money(totals),
      };
    },
  });
}

export const receivablesAging = agingReport(AR, 'receivables_aging', t('应收账龄分析', 'Receivables aging'));
export const payablesAging = agingReport(AP, 'payables_aging', t('应付账龄分析', 'Payables aging'));
