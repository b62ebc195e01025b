// The forecast on a synthetic daily series whose truth is known: level 50, trend
// +0.5 a day, a weekly pattern summing to zero, and a small deterministic noise
// (±2). Holt-Winters must follow it within 5 % a day over the next two weeks; the
// backtest MAPE is printed. Then the reorder point is recomputed from it by hand.
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  forecastDemand,
  MIN_HOLT_WINTERS_DAYS,
  reorderPointFromForecast,
  zScore,
} from '../../engine/forecast/index';

const WEEK = [10, -5, -5, 0, 5, 15, -20];
const truth = (t: number): number => 50 + 0.5 * t + WEEK[t % 7];

/** A fixed pseudo-random noise in [-2, 2] (a linear congruential sequence, so every run sees the same series). */
function noise(n: number): number[] {
  let seed = 12345;
  return Array.from({ length: n }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed / 2 ** 31) * 4 - 2;
  });
}

const DAYS = 16 * 7;
const series = noise(DAYS).map((e, t) => truth(t) + e);

describe('demand forecast', () => {
  it('follows a known trend and weekly season within 5 % a day, with a small backtest MAPE', () => {
    const f = forecastDemand(series, 14);
    expect(f.method).toBe('holt_winters');
    const expected = Array.from({ length: 14 }, (_, h) => truth(DAYS + h));
    const worst = Math.max(...expected.map((e, h) => Math.abs(f.values[h] - e) / e));
    const future = accuracy(expected, f.values);
    console.log(
      `forecast vs truth: MAPE ${(future.mape! * 100).toFixed(2)} %, worst day ${(worst * 100).toFixed(2)} %; ` +
        `backtest MAPE ${(f.backtest!.mape! * 100).toFixed(2)} %, RMSE ${f.backtest!.rmse.toFixed(2)}`,
    );
    expect(worst).toBeLessThan(0.05);
    expect(f.backtest!.days).toBe(14);
    expect(f.backtest!.mape).toBeLessThan(0.05);
    // The noise is ±2 a day, so the error cannot be far below 1 nor, for a good fit, far above 3.
    expect(f.backtest!.rmse).toBeGreaterThan(0.5);
    expect(f.backtest!.rmse).toBeLessThan(3);
  });

  it('sees the weekly pattern: the forecast is highest on the season’s peak day and lowest on its trough', () => {
    const f = forecastDemand(series, 7);
    const weekday = (h: number) => (DAYS + h) % 7;
    const peak = f.values.indexOf(Math.max(...f.values));
    const trough = f.values.indexOf(Math.min(...f.values));
    expect(WEEK[weekday(peak)]).toBe(15);
    expect(WEEK[weekday(trough)]).toBe(-20);
  });

  it('falls back to the 7-day moving average when the history is shorter than four weeks', () => {
    const short = [4, 6, 5, 5, 7, 3, 5, 6, 4, 8];
    expect(short.length).toBeLessThan(MIN_HOLT_WINTERS_DAYS);
    const f = forecastDemand(short, 3);
    expect(f.method).toBe('moving_average');
    // The last seven days: 5 5 7 3 5 6 4 8 → 5, 7, 3, 5, 6, 4, 8 = 38 / 7.
    expect(f.values).toEqual([38 / 7, 38 / 7, 38 / 7]);
    // Backtest: the first 5 days' last 7 (all 5 of them: 4 6 5 5 7 → 5.4) against 3 5 6 4 8.
    const actual = [3, 5, 6, 4, 8];
    const mape = actual.reduce((s, a) => s + Math.abs(a - 5.4) / a, 0) / actual.length;
    expect(f.backtest!.mape).toBeCloseTo(mape, 10);
    expect(f.backtest!.days).toBe(5);
  });

  it('never forecasts negative demand, and leaves zero-demand days out of MAPE', () => {
    const falling = Array.from({ length: 35 }, (_, t) => Math.max(0, 40 - 2 * t));
    const f = forecastDemand(falling, 14);
    expect(Math.min(...f.values)).toBeGreaterThanOrEqual(0);
    expect(accuracy([0, 10], [5, 12]).mape).toBeCloseTo(0.2, 10);
    expect(accuracy([0, 0], [1, 1]).mape).toBeNull();
  });

  it('recomputes the reorder point from the forecast: lead-time demand plus z × σ × √L', () => {
    const f = forecastDemand(series, 28);
    const sigma = f.backtest!.rmse;
    const point = reorderPointFromForecast({ forecast: f.values, sigma, leadTimeDays: 5, serviceLevel: 0.95 });
    const demand = f.values.slice(0, 5).reduce((s, v) => s + v, 0);
    const safety = 1.6449 * sigma * Math.sqrt(5);
    expect(point.leadTimeDemand).toBeCloseTo(demand, 2);
    expect(point.safetyStock).toBeCloseTo(safety, 2);
    expect(point.reorderPoint).toBe(Math.ceil(demand + safety));
    // The truth over those five days, as a sanity bound: the point covers it, with the safety stock on top.
    const trueDemand = [0, 1, 2, 3, 4].reduce((s, h) => s + truth(DAYS + h), 0);
    expect(point.reorderPoint).toBeGreaterThan(trueDemand);
    expect(point.reorderPoint).toBeLessThan(trueDemand + 2 * safety + 0.05 * trueDemand);
    // A higher service level asks for more safety stock.
    const higher = reorderPointFromForecast({ forecast: f.values, sigma, leadTimeDays: 5, serviceLevel: 0.99 });
    expect(higher.reorderPoint).toBeGreaterThan(point.reorderPoint);
  });

  it('takes z from the standard table and refuses a service level outside it', () => {
    expect(zScore(0.95)).toBe(1.6449);
    expect(zScore(0.99)).toBe(2.3263);
    expect(() => zScore(0.93)).toThrow(RangeError);
    expect(() => reorderPointFromForecast({ forecast: [1, 2], sigma: 1, leadTimeDays: 3, serviceLevel: 0.95 })).toThrow(
      RangeError,
    );
  });
});
