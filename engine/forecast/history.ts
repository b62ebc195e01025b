// Daily demand of a product from the sales history: the quantities of sales
// order lines that count as sales (approved and later), per order date, in one
// warehouse or all. The series starts on the first day with a sale inside the
// window (leading days before the product sold at all would read as no demand)
// and runs to `until`, days without a sale as 0.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { documentsCollection } from '../documents/index';
import { SOLD_STATES } from '../reports/index';
import type { Store } from '../store/index';

dayjs.extend(utc);

export interface DemandHistory {
  /** YYYY-MM-DD of each value, oldest first. */
  dates: string[];
  values: number[];
}

export interface HistoryQuery {
  product: string;
  warehouse?: string;
  /** Last day of the history (YYYY-MM-DD), included. */
  until: string;
  /** How many days back from `until` to look. */
  days: number;
}

export const addDays = (date: string, days: number): string => dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');

export async function demandHistory(store: Store, q: HistoryQuery): Promise<DemandHistory> {
  const from = addDays(q.until, 1 - q.days);
  const groups = await documentsCollection(store, 'sales_order').aggregate<{ _id: string; qty: number }>([
    {
      $match: {
        state: { $in: SOLD_STATES },
        'data.lines.product': q.product,
        'data.orderDate': { $gte: from, $lte: q.until },
        ...(q.warehouse ? { 'data.warehouse': q.warehouse } : {}),
      },
    },
    { $unwind: '$data.lines' },
    { $match: { 'data.lines.product': q.product } },
    { $group: { _id: '$data.orderDate', qty: { $sum: '$data.lines.qty' } } },
  ]);
  const byDay = new Map(groups.map((g) => [g._id, g.qty]));
  const first = [...byDay.keys()].sort()[0];
  if (first === undefined) return { dates: [], values: [] };
  const dates: string[] = [];
  for (let d = first; d <= q.until; d = addDays(d, 1)) dates.push(d);
  return { dates, values: dates.map((d) => byDay.get(d) ?? 0) };
}
