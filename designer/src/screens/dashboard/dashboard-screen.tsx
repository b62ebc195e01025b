// The home page: today's sales, orders waiting for approval, low-stock count,
// the sales trend, top products and orders by state. Built from list queries
// (the last 30 days of sales orders) until the report API serves these figures.
import { Card, Col, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { loadDefinition } from '../../api/definitions';
import type { DocumentPage, DocumentView } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { loadRefLabel } from '../../form/ref-options';
import { formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { Chart, type ChartOption } from './chart';

const DAYS = 14;
const MAX_PAGES = 5;

async function recentOrders(): Promise<DocumentView[]> {
  const from = dayjs().subtract(30, 'day').format('YYYY-MM-DD');
  const out: DocumentView[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const params = new URLSearchParams({ from, limit: '100' });
    if (cursor) params.set('cursor', cursor);
    const page: DocumentPage = await api<DocumentPage>('GET', `/api/documents/sales_order?${params.toString()}`);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

const SOLD = (d: DocumentView) => !['draft', 'cancelled'].includes(d.state);
const amount = (d: DocumentView) => (typeof d.data.total === 'number' ? d.data.total : 0);

export default function DashboardScreen() {
  const { t, pick, locale } = useI18n();
  const loaded = useAsync(async () => {
    const [orders, inbox, alerts, definition] = await Promise.all([
      recentOrders(),
      api<{ items: unknown[] }>('GET', '/api/approvals/inbox'),
      api<Array<{ kind: string }> | { items: Array<{ kind: string }> }>('GET', '/api/alerts'),
      loadDefinition('sales_order'),
    ]);
    const perProduct = new Map<string, number>();
    for (const o of orders.filter(SOLD)) {
      for (const line of (o.data.lines as Array<{ product?: string; amount?: number }> | undefined) ?? []) {
        if (line.product) perProduct.set(line.product, (perProduct.get(line.product) ?? 0) + (line.amount ?? 0));
      }
    }
    const top = [...perProduct.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    const labels = await Promise.all(top.map(([id]) => loadRefLabel('product', id).catch(() => id)));
    const alertItems = Array.isArray(alerts) ? alerts : alerts.items;
    return {
      orders,
      waiting: inbox.items.length,
      lowStock: alertItems.filter((a) => /low|stock/i.test(a.kind)).length,
      top: top.map(([, v], i) => [labels[i], v] as const),
      definition,
    };
  }, []);

  const view = useMemo(() => {
    if (!loaded.data) return null;
    const { orders, definition } = loaded.data;
    const today = dayjs().format('YYYY-MM-DD');
    const dateOf = (d: DocumentView) =>
      typeof d.data.orderDate === 'string' ? d.data.orderDate : d.createdAt.slice(0, 10);
    const todaySales = orders.filter((o) => SOLD(o) && dateOf(o) === today).reduce((s, o) => s + amount(o), 0);
    const days = Array.from({ length: DAYS }, (_, i) =>
      dayjs()
        .subtract(DAYS - 1 - i, 'day')
        .format('YYYY-MM-DD'),
    );
    const trend = days.map((day) =>
      orders.filter((o) => SOLD(o) && dateOf(o) === day).reduce((s, o) => s + amount(o), 0),
    );
    const states = definition.states
      .map((s) => ({ name: pick(s.label, s.key), value: orders.filter((o) => o.state === s.key).length }))
      .filter((s) => s.value > 0);
    const trendOption: ChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value' },
      series: [{ type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: trend, name: t('sales') }],
    };
    const topOption: ChartOption = {
      tooltip: {},
      grid: { left: 120, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: loaded.data.top.map(([l]) => l).reverse() },
      series: [
        {
          type: 'bar',
          data: loaded.data.top.map(([, v]) => v).reverse(),
          name: t('sales'),
          itemStyle: { color: '#1664ff' },
        },
      ],
    };
    const pieOption: ChartOption = {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '68%'], data: states, label: { show: false } }],
    };
    return { todaySales, trendOption, topOption, pieOption };
  }, [loaded.data, pick, t]);

  return (
    <div className="dashboard">
      <div className="screen-head">
        <Typography.Title level={3}>{t('dashboard')}</Typography.Title>
      </div>
      {loaded.error && <LoadError error={loaded.error} onRetry={loaded.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Card size="small" loading={loaded.loading}>
            <Statistic title={t('todaySales')} prefix="¥" value={view ? formatMoney(view.todaySales, locale) : '—'} />
          </Card>
        </Col>
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
        {view && (
          <>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('salesTrend')}>
                <Chart option={view.trendOption} label={t('salesTrend')} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('orderStates')}>
                <Chart option={view.pieOption} label={t('orderStates')} />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('topProducts')}>
                <Chart option={view.topOption} label={t('topProducts')} />
              </Card>
            </Col>
          </>
        )}
      </Row>
    </div>
  );
}
