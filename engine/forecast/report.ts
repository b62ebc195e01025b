// The `demand_forecast` report: one product's daily demand (in one warehouse or
// all) over the chosen history, then the forecast of the next weeks, as rows a
// line chart draws (actual and forecast on one date axis). The totals row sums
// both and names the method (`holt_winters`, `moving_average`, or `none` without
// any sale) and the backtest MAPE on the last two weeks.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import {
  bilingual as t,
  defineReport,
  label,
  objectSchema,
  paramSchemas,
  qty,
  ratio,
  reportColumn as col,
} from '../reports/index';
import { addDays, demandHistory } from './history';
import { forecastDemand } from './model';

dayjs.extend(utc);

interface Params {
  product: string;
  warehouse?: string;
  historyDays?: number;
  weeks?: number;
}

/**
 * Built when an engine registers it, not at import: the reports capability and
 * the engine context import each other's modules, so its helpers may not be
 * initialised yet while this module loads.
 */
export const demandForecastReport = () =>
  defineReport<Params>({
    key: 'demand_forecast',
    title: t('需求预测', 'Demand forecast'),
    description: t(
      '按日销售量预测未来数周需求（Holt-Winters 趋势 + 周季节性；历史不足四周时用 7 日移动平均），附最近两周回测 MAPE',
      'Daily demand forecast for the next weeks (Holt-Winters with trend and weekly season; a 7-day moving average below four weeks of history), with the backtest MAPE on the last two weeks',
    ),
    params: objectSchema(
      {
        product: { ...paramSchemas.warehouse, ...label('商品', 'Product'), 'x-ref': 'product' },
        warehouse: paramSchemas.warehouse,
        historyDays: {
          type: 'integer',
          minimum: 14,
          maximum: 730,
          default: 182,
          ...label('历史天数', 'History (days)'),
        },
        weeks: { type: 'integer', minimum: 1, maximum: 26, default: 4, ...label('预测周数', 'Weeks ahead') },
      },
      ['product'],
    ),
    roles: ['purchaser', 'purchase_manager', 'sales_manager', 'warehouse_keeper'],
    async run(ctx, params) {
      const until = dayjs.utc(ctx.now).subtract(1, 'day').format('YYYY-MM-DD');
      const history = await demandHistory(ctx.store, {
        product: params.product,
        warehouse: params.warehouse,
        until,
        days: params.historyDays ?? 182,
      });
      await ctx.progress(50);
      const forecast = forecastDemand(history.values, 7 * (params.weeks ?? 4));
      const rows = [
        ...history.dates.map((date, i) => ({
          values: { date, actual: qty(history.values[i]), forecast: null, method: null, mape: null },
        })),
        ...(history.values.length === 0
          ? []
          : forecast.values.map((v, h) => ({
              values: { date: addDays(until, h + 1), actual: null, forecast: qty(v), method: null, mape: null },
            }))),
      ];
      const mape = forecast.backtest?.mape ?? null;
      return {
        columns: [
          col('date', '日期', 'Date', 'date'),
          col('actual', '实际销量', 'Actual', 'number'),
          col('forecast', '预测销量', 'Forecast', 'number'),
          col('method', '预测方法', 'Method', 'text'),
          col('mape', '回测 MAPE', 'Backtest MAPE', 'percent'),
        ],
        chart: { type: 'line', x: 'date', y: ['actual', 'forecast'] },
        rows,
        totals: {
          date: null,
          actual: qty(history.values.reduce((s, v) => s + v, 0)),
          forecast: qty(forecast.values.reduce((s, v) => s + v, 0)),
          method: history.values.length === 0 ? 'none' : forecast.method,
          mape: mape === null ? null : ratio(mape * 10000, 10000),
        },
      };
    },
  });
