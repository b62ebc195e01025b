// The public surface of engine/forecast: demand forecasts per product ×
// warehouse (Holt-Winters with a weekly season, or a moving average for short
// histories), their backtest, and reorder points computed from them.
export {
  accuracy,
  backtest,
  forecastDemand,
  MIN_HOLT_WINTERS_DAYS,
  SEASON,
  type Backtest,
  type Forecast,
  type ForecastMethod,
} from './model';
export { reorderPointFromForecast, zScore, SERVICE_LEVELS, SERVICE_LEVEL_Z, type ReorderPoint } from './reorder-point';
export { addDays, demandHistory, type DemandHistory } from './history';
export { forecastEnginePlugin } from './plugin';
