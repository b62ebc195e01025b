// Demand forecasting on a daily series: additive Holt-Winters (level, trend and a
// weekly season of 7 days) when the history holds at least four weeks, a moving
// average otherwise. The smoothing weights are chosen by a small grid search on
// the one-step-ahead squared error (the series are short: a few hundred days, so
// 225 candidate triples cost nothing). Figures here are statistics, not money or
// stock, so plain floats are right; callers round what they show or store.
//
// The backtest holds out the last `holdout` days, fits on the rest, forecasts the
// held-out days and reports MAPE (days with zero demand are left out: their
// percentage error is undefined) and RMSE (the daily forecast error that safety
// stock is computed from).

export const SEASON = 7;
/** Holt-Winters needs two seasons to start and two more to learn from. */
export const MIN_HOLT_WINTERS_DAYS = 4 * SEASON;
export const MOVING_AVERAGE_WINDOW = 7;
export const DEFAULT_HOLDOUT = 2 * SEASON;

export type ForecastMethod = 'holt_winters' | 'moving_average';

export interface SmoothingWeights {
  alpha: number;
  beta: number;
  gamma: number;
}

export interface Backtest {
  /** Mean absolute percentage error on the held-out days, as a ratio (0.05 = 5 %); null when every day was zero. */
  mape: number | null;
  /** Root mean squared error per day on the held-out days. */
  rmse: number;
  days: number;
}

export interface Forecast {
  method: ForecastMethod;
  /** The next `horizon` days' demand, day 1 first (never negative). */
  values: number[];
  weights?: SmoothingWeights;
  backtest: Backtest | null;
}

const ALPHAS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const BETAS = [0.01, 0.05, 0.1, 0.2, 0.3];
const GAMMAS = [0.05, 0.1, 0.2, 0.3, 0.5];

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

interface HoltWintersFit {
  level: number;
  trend: number;
  /** The last SEASON seasonal terms, oldest first: seasonal[i] belongs to day (n − SEASON + i). */
  seasonal: number[];
  sse: number;
}

/** Runs the additive recursions over `y` (length ≥ 2 seasons) with fixed weights. */
export function fitHoltWinters(y: number[], w: SmoothingWeights): HoltWintersFit {
  const m = SEASON;
  const first = y.slice(0, m);
  const second = y.slice(m, 2 * m);
  let level = mean(first);
  let trend = (mean(second) - mean(first)) / m;
  const seasonal = first.map((v) => v - level);
  let sse = 0;
  for (let t = m; t < y.length; t++) {
    const s = seasonal[t - m];
    const predicted = level + trend + s;
    sse += (y[t] - predicted) ** 2;
    const previous = level;
    level = w.alpha * (y[t] - s) + (1 - w.alpha) * (level + trend);
    trend = w.beta * (level - previous) + (1 - w.beta) * trend;
    seasonal.push(w.gamma * (y[t] - level) + (1 - w.gamma) * s);
  }
  return { level, trend, seasonal: seasonal.slice(-m), sse };
}

export function projectHoltWinters(fit: HoltWintersFit, horizon: number): number[] {
  return Array.from({ length: horizon }, (_, i) => fit.level + (i + 1) * fit.trend + fit.seasonal[i % SEASON]);
}

/** The weights with the least one-step-ahead squared error on `y`. */
export function chooseWeights(y: number[]): SmoothingWeights {
  let best: { w: SmoothingWeights; sse: number } | null = null;
  for (const alpha of ALPHAS)
    for (const beta of BETAS)
      for (const gamma of GAMMAS) {
        const w = { alpha, beta, gamma };
        const { sse } = fitHoltWinters(y, w);
        if (!best || sse < best.sse) best = { w, sse };
      }
  return best!.w;
}

function project(
  y: number[],
  horizon: number,
): { method: ForecastMethod; values: number[]; weights?: SmoothingWeights } {
  if (y.length >= MIN_HOLT_WINTERS_DAYS) {
    const weights = chooseWeights(y);
    return { method: 'holt_winters', weights, values: projectHoltWinters(fitHoltWinters(y, weights), horizon) };
  }
  const average = mean(y.slice(-MOVING_AVERAGE_WINDOW));
  return { method: 'moving_average', values: Array.from({ length: horizon }, () => average) };
}

const clamp = (values: number[]): number[] => values.map((v) => Math.max(0, v));

/** Errors of a forecast against what happened. */
export function accuracy(actual: number[], predicted: number[]): Backtest {
  const pct = actual.flatMap((a, i) => (a === 0 ? [] : [Math.abs(a - predicted[i]) / Math.abs(a)]));
  const squared = actual.map((a, i) => (a - predicted[i]) ** 2);
  return { mape: pct.length === 0 ? null : mean(pct), rmse: Math.sqrt(mean(squared)), days: actual.length };
}

/**
 * Fits on all but the last `holdout` days and scores the forecast of those
 * (the method is the one the shorter history would get). Null below two days.
 */
export function backtest(y: number[], holdout = DEFAULT_HOLDOUT): Backtest | null {
  const h = Math.min(holdout, Math.floor(y.length / 2));
  if (h < 1) return null;
  const train = y.slice(0, y.length - h);
  return accuracy(y.slice(-h), clamp(project(train, h).values));
}

/** Forecasts the next `horizon` days of a daily demand series (oldest first). */
export function forecastDemand(y: number[], horizon: number, holdout = DEFAULT_HOLDOUT): Forecast {
  const { method, values, weights } = project(y, horizon);
  return { method, values: clamp(values), ...(weights ? { weights } : {}), backtest: backtest(y, holdout) };
}
