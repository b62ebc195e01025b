// unitCost and value on GET /api/inventory/levels. The value is kept per product ×
// warehouse (valuation.ts); a product split into batch rows shows the average on
// each row and shares the value out by quantity, the last row taking what rounding
// left, so the rows always add up to the product × warehouse value.
import { Dec } from '../money/index';
import type { Store } from '../store/index';
import { levelId } from './levels';
import type { LevelDoc } from './types';
import { averageOf, valuations, type ValuationDoc } from './valuation';
import type { LevelView } from './views';

export async function costRecords(store: Store, rows: LevelDoc[]): Promise<Map<string, ValuationDoc>> {
  const ids = [...new Set(rows.map((r) => levelId(r.product, r.warehouse)))];
  if (ids.length === 0) return new Map();
  const docs = await valuations(store).find({ _id: { $in: ids } });
  return new Map(docs.map((d) => [d._id, d]));
}

export function withValues(views: LevelView[], cost: ValuationDoc | null): LevelView[] {
  const average = averageOf(cost);
  const unitCost = average?.toDecimalPlaces(4).toNumber() ?? 0;
  const total = cost?.valueCents ?? 0;
  let left = total;
  return views.map((view, i) => {
    const last = i === views.length - 1;
    const cents =
      last || !cost || cost.qty === 0
        ? left
        : new Dec(total)
            .times(Math.round(view.onHand * 1000))
            .div(cost.qty)
            .toDecimalPlaces(0)
            .toNumber();
    left -= last ? 0 : cents;
    return { ...view, unitCost, value: (last ? left : cents) / 100 };
  });
}
