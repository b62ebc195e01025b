// Daily demand of a product from the sales history: the quantities of sales
// order lines that count as sales (approved and later), per order date, in one
// warehouse or all — in the product's base unit, as stock is kept and reordered
// (a line of 2 箱 with 箱 = 12 件 is 24 件; engine/units, exact with decimal.js). The series starts on the first day with a sale inside the
// window (leading days before the product sold at all would read as no demand)
// and runs to `until`, days without a sale as 0.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import Decimal from 'decimal.js';
import { documentsCollection } from '../documents/index';
import { SOLD_STATES } from '../reports/index';
import type { Store } from '../store/index';
import { unitFactor } from '../units/index';

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
  const groups = await documentsCollection(store, 'sales_order').aggregate<{
    _id: { date: string; unit?: unknown };
    qty: number;
  }>([
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
    { $group: { _id: { date: '$data.orderDate', unit: '$data.lines.unit' }, qty: { $sum: '$data.lines.qty' } } },
  ]);
  const product = (await documentsCollection(store, 'product').findById(q.product))?.data ?? {};
  const sums = new Map<string, Decimal>();
  for (const g of groups) {
    // A unit the product no longer knows (refused on save, so only after a product edit) counts as entered.
    const factor = unitFactor(product, g._id.unit) ?? new Decimal(1);
    const base = new Decimal(g.qty).toDecimalPlaces(3).times(factor);
    sums.set(g._id.date, (sums.get(g._id.date) ?? new Decimal(0)).plus(base));
  }
  const byDay = new Map([...sums].map(([date, qty]) => [date, qty.toNumber()]));
  const first = [...byDay.keys()].sort()[0];
  if (first === undefined) return { dates: [], values: [] };
  const dates: string[] = [];
  for (let d = first; d <= q.until; d = addDays(d, 1)) dates.push(d);
  return { dates, values: dates.map((d) => byDay.get(d) ?? 0) };
}
