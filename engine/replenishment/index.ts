// The public surface of engine/replenishment: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { LOW_STOCK_SCAN_JOB, scanReplenishment } from './scan';
export { checkReplenishment } from './check';
export { stockCheckJob } from './stock-check-job';
export { replenishmentPlugin } from './plugin';
export { FORECAST_REFRESH_JOB, refreshForecastPoint, refreshForecastPoints } from './forecast-points';
export { forecastPoints, FORECAST_POINTS, type ForecastPointDoc } from './types';
