// Reorder point from a forecast (再订货点):
//   demand over the lead time = Σ forecast of the next L days
//   safety stock              = z × σ × √L
//   reorder point             = demand over the lead time + safety stock
// σ is the daily forecast error (the backtest RMSE), L the supplier's lead time
// in days, z the standard normal quantile of the chosen service level (the
// probability of not running out during a lead time). z comes from the standard
// table for the service levels a product may choose (the product schema lists the
// same values), so no inverse normal is computed here. The point is rounded up to
// whole units: the replenishment check compares it with stock in units.
import { Dec } from '../money/index';

/** Standard normal quantiles z(p) of the usual service levels (any statistics table). */
export const SERVICE_LEVEL_Z: Readonly<Record<string, number>> = {
  '0.8': 0.8416,
  '0.85': 1.0364,
  '0.9': 1.2816,
  '0.95': 1.6449,
  '0.975': 1.96,
  '0.98': 2.0537,
  '0.99': 2.3263,
  '0.995': 2.5758,
  '0.999': 3.0902,
};

export const SERVICE_LEVELS = Object.keys(SERVICE_LEVEL_Z).map(Number);

export function zScore(serviceLevel: number): number {
  const z = SERVICE_LEVEL_Z[String(serviceLevel)];
  if (z === undefined) {
    throw new RangeError(`service level ${serviceLevel} is not one of ${SERVICE_LEVELS.join(', ')}`);
  }
  return z;
}

export interface ReorderPointInput {
  /** Daily forecast, day 1 first; at least `leadTimeDays` long. */
  forecast: number[];
  /** Daily forecast error (RMSE). */
  sigma: number;
  leadTimeDays: number;
  serviceLevel: number;
}

export interface ReorderPoint {
  leadTimeDemand: number;
  safetyStock: number;
  reorderPoint: number;
}

export function reorderPointFromForecast(input: ReorderPointInput): ReorderPoint {
  const days = Math.ceil(input.leadTimeDays);
  if (input.forecast.length < days) {
    throw new RangeError(`the forecast covers ${input.forecast.length} days, the lead time ${days}`);
  }
  const leadTimeDemand = input.forecast.slice(0, days).reduce((s, v) => s + v, 0);
  const safetyStock = zScore(input.serviceLevel) * input.sigma * Math.sqrt(input.leadTimeDays);
  const round2 = (v: number) => new Dec(v).toDecimalPlaces(2).toNumber();
  return {
    leadTimeDemand: round2(leadTimeDemand),
    safetyStock: round2(safetyStock),
    reorderPoint: new Dec(leadTimeDemand + safetyStock).toDecimalPlaces(0, Dec.ROUND_CEIL).toNumber(),
  };
}
