// Reorder points from the demand forecast, for products that set a service
// level: per product × warehouse where it is stocked, the forecast of the next
// weeks from the sales history (engine/forecast), then
//   reorder point = forecast demand over the preferred supplier's lead time
//                   + z(service level) × backtest RMSE × √lead time.
// The refresh job (`forecast-refresh` on the alerts queue, daily) stores one
// point per pair; the replenishment check uses it in place of the product's fixed
// reorderPoint. Each pair is re-checked right after, so a point that rose opens
// the suggestion at once. A product whose history is too short for any forecast
// keeps its fixed reorder point (no stored point).
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { documentsCollection } from '../documents/index';
import { demandHistory, forecastDemand, reorderPointFromForecast } from '../forecast/index';
import { levels } from '../inventory/index';
import type { Store } from '../store/index';
import { checkReplenishment } from './check';
import type { DefinitionRegistry } from '../definitions/index';
import { forecastPointId, forecastPoints, type ForecastPointDoc } from './types';

dayjs.extend(utc);

export const FORECAST_REFRESH_JOB = 'forecast-refresh';
export const DEFAULT_LEAD_TIME_DAYS = 7;
/** Half a year of history is plenty for a weekly season, and keeps each read small. */
export const HISTORY_DAYS = 182;

async function leadTimeOf(store: Store, supplier: unknown): Promise<number> {
  if (typeof supplier !== 'string' || supplier === '') return DEFAULT_LEAD_TIME_DAYS;
  const doc = await documentsCollection(store, 'supplier').findById(supplier);
  const days = doc?.data.leadTimeDays;
  return typeof days === 'number' && days > 0 ? days : DEFAULT_LEAD_TIME_DAYS;
}

/** Computes and stores the point of one pair from the history up to yesterday; null without history. */
export async function refreshForecastPoint(
  store: Store,
  input: { product: string; warehouse: string; serviceLevel: number; leadTimeDays: number; now: Date },
): Promise<ForecastPointDoc | null> {
  const until = dayjs.utc(input.now).subtract(1, 'day').format('YYYY-MM-DD');
  const history = await demandHistory(store, {
    product: input.product,
    warehouse: input.warehouse,
    until,
    days: HISTORY_DAYS,
  });
  const horizon = Math.max(28, Math.ceil(input.leadTimeDays));
  const forecast = forecastDemand(history.values, horizon);
  if (history.values.length < 2 || !forecast.backtest) return null;
  const point = reorderPointFromForecast({
    forecast: forecast.values,
    sigma: forecast.backtest.rmse,
    leadTimeDays: input.leadTimeDays,
    serviceLevel: input.serviceLevel,
  });
  const doc: ForecastPointDoc = {
    _id: forecastPointId(input.product, input.warehouse),
    product: input.product,
    warehouse: input.warehouse,
    ...point,
    leadTimeDays: input.leadTimeDays,
    serviceLevel: input.serviceLevel,
    method: forecast.method,
    mape: forecast.backtest.mape,
    rmse: forecast.backtest.rmse,
    computedAt: input.now,
  };
  const { _id, ...fields } = doc;
  await forecastPoints(store).updateOne({ _id }, { $set: fields }, { upsert: true });
  return doc;
}

export async function refreshForecastPoints(input: {
  store: Store;
  definitions: DefinitionRegistry;
  now: Date;
}): Promise<{ refreshed: number }> {
  const { store, now } = input;
  const products = await documentsCollection(store, 'product').find({
    state: 'active',
    'data.serviceLevel': { $gt: 0 },
  });
  let refreshed = 0;
  for (const product of products) {
    const leadTimeDays = await leadTimeOf(store, product.data.preferredSupplier);
    const rows = await levels(store).find({ product: product._id }, { projection: { warehouse: 1 } });
    for (const warehouse of new Set(rows.map((r) => r.warehouse))) {
      const serviceLevel = product.data.serviceLevel as number;
      const point = await refreshForecastPoint(store, {
        product: product._id,
        warehouse,
        serviceLevel,
        leadTimeDays,
        now,
      });
      if (!point) continue;
      refreshed += 1;
      await checkReplenishment({ store, definitions: input.definitions, product: product._id, warehouse, now });
    }
  }
  return { refreshed };
}
