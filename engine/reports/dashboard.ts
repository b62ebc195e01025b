// The home page's figures (GET /api/reports/dashboard), read from the report
// kinds themselves so the dashboard and the reports page never disagree: today's
// sales and the 14-day trend are `sales_trend` by day, top products are
// `product_ranking`, order states are `order_status`, over fixed windows ending
// on the caller's day.
//
// Run in the request rather than queued as report runs: the home page opens many
// times a day, and three bounded aggregates (14 and 30 days) answer in
// milliseconds, while a queued run per figure would write run records, need a
// worker and make the first screen wait on polling. Runs stay what they are for:
// reports someone asks for, with files and progress.
import dayjs from 'dayjs';
import type { Store } from '../store/index';
import { mayRun, type ReportCatalog } from './catalog';
import { checkParams, ReportRunError, toRunResult } from './execute';
import type { RunResult } from './runs';
import type { Caller } from './service';

export const TREND_DAYS = 14;
export const TOP_DAYS = 30;
export const TOP_LIMIT = 5;

/** One figure: the report and the parameters it ran with (the app links to them), and its result. */
export interface DashboardSection extends RunResult {
  report: string;
  params: Record<string, unknown>;
}

export interface DashboardView {
  today: string;
  /** `sales_trend`'s amount for today; null when the caller may not run it. */
  todaySales: number | null;
  salesTrend: DashboardSection | null;
  topProducts: DashboardSection | null;
  orderStates: DashboardSection | null;
}

interface Deps {
  store: Store;
  catalog: ReportCatalog;
  now: () => Date;
}

const daysBefore = (day: string, n: number): string => dayjs(day).subtract(n, 'day').format('YYYY-MM-DD');

async function section(
  deps: Deps,
  user: Caller,
  report: string,
  params: Record<string, unknown>,
): Promise<DashboardSection | null> {
  const kind = await deps.catalog.find(deps.store, report);
  if (!kind || !mayRun(kind, user.roles)) return null;
  const checked = structuredClone(params);
  const errors = checkParams(kind, checked);
  if (errors.length > 0) throw new ReportRunError(`dashboard parameters for ${report}: ${JSON.stringify(errors)}`);
  const result = await kind.run({ store: deps.store, now: deps.now(), progress: async () => undefined }, checked);
  return { report, params, ...toRunResult(result) };
}

/** `today` is the caller's calendar day (the browser's), default the engine's. */
export async function dashboardFigures(deps: Deps, user: Caller, today?: string): Promise<DashboardView> {
  const day = today ?? dayjs(deps.now()).format('YYYY-MM-DD');
  const month = { from: daysBefore(day, TOP_DAYS - 1), to: day };
  const [salesTrend, topProducts, orderStates] = await Promise.all([
    section(deps, user, 'sales_trend', { from: daysBefore(day, TREND_DAYS - 1), to: day, granularity: 'day' }),
    section(deps, user, 'product_ranking', { ...month, limit: TOP_LIMIT }),
    section(deps, user, 'order_status', { type: 'sales_order', ...month }),
  ]);
  const todayRow = salesTrend?.rows.find((r) => r.period === day);
  return {
    today: day,
    todaySales: salesTrend ? (typeof todayRow?.amount === 'number' ? todayRow.amount : 0) : null,
    salesTrend,
    topProducts,
    orderStates,
  };
}
