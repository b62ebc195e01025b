// The forecast capability's contribution to an engine: the `demand_forecast`
// report kind (the reorder points built on forecasts are replenishment's).
import type { EnginePlugin } from '../context/index';
import { demandForecastReport } from './report';

export const forecastEnginePlugin: EnginePlugin = {
  name: 'forecast',
  register(engine) {
    const kind = demandForecastReport();
    engine.reportKinds.register(kind.key, kind);
  },
};
