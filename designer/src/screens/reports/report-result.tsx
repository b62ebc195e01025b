// A finished run's figures: the chart its kind suggests (line, bar or pie over
// one category column) above the table, figures formatted by column type, and a
// link from each row to the documents behind it when the report names them.
import { Card, Empty, Table, type TableProps } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Locale } from '../../api/types';
import { formatMoney, formatNumber } from '../../format';
import { useI18n } from '../../i18n/locale';
import { Chart, type ChartOption } from '../dashboard/chart';
import type { Cell, Drill, ReportColumn, RunView } from './report-api';

type Row = Record<string, Cell | Drill>;

export function formatCell(value: Cell | Drill | undefined, column: ReportColumn, locale: Locale): string {
  if (value === null || value === undefined || typeof value === 'object') return '';
  if (typeof value !== 'number') return value;
  if (column.type === 'money') return formatMoney(value, locale);
  if (column.type === 'percent') return `${formatNumber(Math.round(value * 10000) / 100, locale)}%`;
  return formatNumber(value, locale);
}

const isNumeric = (c: ReportColumn) => c.type !== 'text' && c.type !== 'date';

/** `/t/sales_order?from=…&state=approved`: the list screen reads these as its filters. */
export function drillPath(drill: Drill): string {
  const query = new URLSearchParams(drill.query);
  if (drill.states?.length === 1) query.set('state', drill.states[0]);
  return drill.type === 'inventory.ledger' ? `/stock?${query.toString()}` : `/t/${drill.type}?${query.toString()}`;
}

function chartOption(result: NonNullable<RunView['result']>, pick: (t: ReportColumn['title']) => string): ChartOption {
  const { chart, columns, rows } = result;
  if (!chart) return {};
  const title = (key: string) => pick(columns.find((c) => c.key === key)?.title ?? {}) || key;
  const category = rows.map((r) => String(r[chart.x] ?? ''));
  const series = (key: string) => rows.map((r) => (typeof r[key] === 'number' ? r[key] : 0));
  if (chart.type === 'pie')
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          name: title(chart.y[0]),
          data: rows.map((r, i) => ({ name: category[i], value: series(chart.y[0])[i] })),
          label: { show: false },
        },
      ],
    };
  return {
    tooltip: { trigger: 'axis' },
    legend: chart.y.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 56, right: 16, top: 24, bottom: chart.y.length > 1 ? 48 : 32, containLabel: true },
    xAxis: { type: 'category', data: category },
    yAxis: { type: 'value' },
    series: chart.y.map((key) => ({ type: chart.type, name: title(key), data: series(key), smooth: true })),
  };
}

export function ReportResult({ run }: { run: RunView }) {
  const { t, pick, locale } = useI18n();
  const result = run.result;
  const option = useMemo(() => (result ? chartOption(result, (l) => pick(l)) : null), [result, pick]);
  if (!result) return null;
  if (result.rows.length === 0) return <Empty description={t('reportNoRows')} />;
  const columns: TableProps<Row>['columns'] = result.columns.map((c, i) => ({
    key: c.key,
    dataIndex: c.key,
    title: pick(c.title, c.key),
    align: isNumeric(c) ? ('right' as const) : undefined,
    render: (value: Cell, row: Row) => {
      const text = formatCell(value, c, locale);
      const drill = row.drill as Drill | undefined;
      return i === 0 && drill ? <Link to={drillPath(drill)}>{text}</Link> : text;
    },
  }));
  return (
    <div className="report-result">
      {result.chart && option && (
        <Card size="small" className="report-chart">
          <Chart option={option} label={t('reportChart')} />
        </Card>
      )}
      <Table<Row>
        size="small"
        rowKey={(_, i) => String(i)}
        columns={columns}
        dataSource={result.rows}
        pagination={result.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        aria-label={t('reportTable')}
      />
    </div>
  );
}
