// A finance report's rows as a table with the report's own columns: titles in
// the caller's language, money right-aligned in the caller's format.
import { Table } from 'antd';
import type { ReactNode } from 'react';
import { formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';
import type { ReportResult, Row } from './finance-api';

export function ReportTable(props: {
  className: string;
  result: ReportResult | null | undefined;
  loading: boolean;
  rowKey: (row: Row, index?: number) => string;
  emptyText?: ReactNode;
}) {
  const { locale, pick } = useI18n();
  const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v, locale) : '');
  return (
    <Table<Row>
      className={props.className}
      rowKey={props.rowKey}
      size="small"
      loading={props.loading}
      dataSource={props.result?.rows ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      {...(props.emptyText === undefined ? {} : { locale: { emptyText: props.emptyText } })}
      columns={(props.result?.columns ?? []).map((c) => ({
        title: pick(c.title, c.key),
        dataIndex: c.key,
        key: c.key,
        align: c.type === 'money' ? ('right' as const) : undefined,
        render: (v: unknown) => (c.type === 'money' ? money(v) : String(v ?? '')),
      }))}
    />
  );
}
