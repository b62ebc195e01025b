// The home page: today's sales, orders waiting for me, low-stock count, the sales
// trend, top products and orders by state. The figures come from the report
// kinds (GET /api/reports/dashboard), so they equal what the reports page says;
// each chart links to its report with the same parameters.
import { Card, Col, Grid, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { loadDefinition } from '../../api/definitions';
import { useAsync } from '../../api/use-async';
import { formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { Chart, type ChartOption } from './chart';

/** A figure as GET /api/reports/dashboard answers it: a report's rows and the parameters it ran with. */
interface Section {
  report: string;
  params: Record<string, string | number>;
  rows: Array<Record<string, unknown>>;
}

interface DashboardView {
  today: string;
  todaySales: number | null;
  salesTrend: Section | null;
  topProducts: Section | null;
  orderStates: Section | null;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Axis money in few characters: "1.5万" / "15K", so a phone's narrow axis does not crowd. */
const compact = (locale: string) => {
  const format = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  return (v: number) => format.format(v);
};

/** The reports page with this figure's report open and its parameters filled in. */
const reportLink = (s: Section): string =>
  `/reports/${s.report}?${new URLSearchParams(Object.entries(s.params).map(([k, v]) => [k, String(v)])).toString()}`;

export default function DashboardScreen() {
  const { t, pick, locale } = useI18n();
  // A phone fits about six day labels across: every few days, slanted, none overlapping.
  const phone = Grid.useBreakpoint().md === false;
  const loaded = useAsync(async () => {
    const today = dayjs().format('YYYY-MM-DD');
    const [figures, inbox, alerts, definition] = await Promise.all([
      api<DashboardView>('GET', `/api/reports/dashboard?today=${today}`),
      api<{ items: unknown[] }>('GET', '/api/approvals/inbox'),
      api<Array<{ kind: string }> | { items: Array<{ kind: string }> }>('GET', '/api/alerts'),
      loadDefinition('sales_order'),
    ]);
    const alertItems = Array.isArray(alerts) ? alerts : alerts.items;
    return {
      figures,
      waiting: inbox.items.length,
      lowStock: alertItems.filter((a) => /low|stock/i.test(a.kind)).length,
      definition,
    };
  }, []);

  const view = useMemo(() => {
    if (!loaded.data) return null;
    const { figures, definition } = loaded.data;
    const options: { trend?: ChartOption; top?: ChartOption; pie?: ChartOption } = {};
    if (figures.salesTrend) {
      // The report has a row per day with sales; the chart shows every day of the window.
      const from = String(figures.salesTrend.params.from);
      const days: string[] = [];
      for (let d = dayjs(from); !d.isAfter(dayjs(figures.today)); d = d.add(1, 'day'))
        days.push(d.format('YYYY-MM-DD'));
      const byDay = new Map(figures.salesTrend.rows.map((r) => [String(r.period), num(r.amount)]));
      options.trend = {
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: days.map((d) => d.slice(5)),
          axisLabel: phone
            ? { rotate: 45, hideOverlap: true, interval: Math.max(0, Math.ceil(days.length / 6) - 1) }
            : { hideOverlap: true },
        },
        yAxis: { type: 'value', axisLabel: { formatter: compact(locale) } },
        series: [
          {
            type: 'line',
            smooth: true,
            areaStyle: { opacity: 0.15 },
            data: days.map((d) => byDay.get(d) ?? 0),
            name: t('sales'),
          },
        ],
      };
    }
    if (figures.topProducts) {
      const rows = [...figures.topProducts.rows].reverse();
      options.top = {
        tooltip: {},
        grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true },
        xAxis: {
          type: 'value',
          splitNumber: phone ? 3 : 5,
          axisLabel: { formatter: compact(locale), hideOverlap: true },
        },
        yAxis: {
          type: 'category',
          data: rows.map((r) => String(r.product)),
          // A long product name is cut with "…" rather than squeezing the bars.
          axisLabel: { width: phone ? 96 : 200, overflow: 'truncate' },
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 28,
            data: rows.map((r) => num(r.amount)),
            name: t('sales'),
            itemStyle: { color: '#1664ff' },
          },
        ],
      };
    }
    if (figures.orderStates) {
      const label = (key: string) => pick(definition.states.find((s) => s.key === key)?.label, key);
      options.pie = {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            data: figures.orderStates.rows.map((r) => ({ name: label(String(r.state)), value: num(r.count) })),
            label: { show: false },
          },
        ],
      };
    }
    return options;
  }, [loaded.data, pick, t, phone, locale]);

  const figures = loaded.data?.figures;
  const chartCard = (section: Section | null | undefined, option: ChartOption | undefined, title: string) =>
    section && option ? (
      <Card size="small" title={title} extra={<Link to={reportLink(section)}>{t('openReport')}</Link>}>
        <Chart option={option} label={title} />
      </Card>
    ) : null;

  return (
    <div className="dashboard">
      <div className="screen-head">
        <Typography.Title level={3}>{t('dashboard')}</Typography.Title>
      </div>
      {loaded.error && <LoadError error={loaded.error} onRetry={loaded.reload} />}
      <Row gutter={[16, 16]}>
        {(loaded.loading || figures?.todaySales != null) && (
          <Col xs={24} sm={8}>
            <Card size="small" loading={loaded.loading}>
              <Statistic
                title={t('todaySales')}
                prefix="¥"
                value={figures?.todaySales != null ? formatMoney(figures.todaySales, locale) : '—'}
              />
            </Card>
          </Col>
        )}
        <Col xs={12} sm={8}>
          <Card size="small" loading={loaded.loading}>
            <Link to="/inbox">
              <Statistic title={t('ordersWaiting')} value={loaded.data?.waiting ?? 0} />
            </Link>
          </Card>
        </Col>
        <Col xs={12} sm={8}>
          <Card size="small" loading={loaded.loading}>
            <Link to="/stock">
              <Statistic title={t('lowStock')} value={loaded.data?.lowStock ?? 0} />
            </Link>
          </Card>
        </Col>
        {view && figures && (
          <>
            {view.trend && (
              <Col xs={24} lg={figures.orderStates ? 16 : 24}>
                {chartCard(figures.salesTrend, view.trend, t('salesTrend'))}
              </Col>
            )}
            {view.pie && (
              <Col xs={24} lg={8}>
                {chartCard(figures.orderStates, view.pie, t('orderStates'))}
              </Col>
            )}
            {view.top && <Col xs={24}>{chartCard(figures.topProducts, view.top, t('topProducts'))}</Col>}
          </>
        )}
      </Row>
    </div>
  );
}
