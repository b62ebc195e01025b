// Receivables or payables: each customer's (supplier's) open amount by age
// (0–30, 31–60, 61–90, > 90 days) and overdue, from the aging report, with a way
// to its statement and to a new receipt (payment) that allocates money to invoices.
import { Button, DatePicker, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAsync } from '../../api/use-async';
import { formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';
import { LoadError } from '../../shell/feedback';
import { runReport, type Party, type Row } from './finance-api';
import { useFinanceText } from './text';

const BUCKETS = ['d0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;

export function PartyTab({ party, onStatement }: { party: Party; onStatement(id: string): void }) {
  const { locale, pick } = useI18n();
  const text = useFinanceText();
  const [asOf, setAsOf] = useState(dayjs().format('YYYY-MM-DD'));
  const report = party === 'customer' ? 'receivables_aging' : 'payables_aging';
  const aging = useAsync(() => runReport(report, { asOf }), [report, asOf]);
  if (aging.error) return <LoadError error={aging.error} onRetry={aging.reload} />;
  const columns = aging.data?.columns ?? [];
  const title = (key: string) => pick(columns.find((c) => c.key === key)?.title, key);
  const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v, locale) : '');
  const payment = party === 'customer' ? 'customer_receipt' : 'supplier_payment';
  const invoice = party === 'customer' ? 'sales_invoice' : 'supplier_invoice';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker
          aria-label={text('asOf')}
          allowClear={false}
          value={dayjs(asOf)}
          onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
        />
        <Link to={pathFor({ name: 'new', type: payment })}>
          {text(party === 'customer' ? 'newReceipt' : 'newPayment')}
        </Link>
        <Link to={pathFor({ name: 'list', type: invoice })}>{text('invoices')}</Link>
      </Space>
      <Table<Row>
        className={`finance-aging finance-aging-${party}`}
        rowKey={(r) => String(r.id)}
        size="middle"
        loading={aging.loading}
        dataSource={aging.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: text('noData') }}
        columns={[
          { title: text(party), dataIndex: party, key: party },
          ...['total', ...BUCKETS, 'overdue'].map((key) => ({
            title: title(key),
            dataIndex: key,
            key,
            align: 'right' as const,
            render: money,
          })),
          {
            title: text('statement'),
            key: 'statement',
            render: (_: unknown, r: Row) => (
              <Button
                size="small"
                aria-label={`${text('viewStatement')} ${String(r[party])}`}
                onClick={() => onStatement(String(r.id))}
              >
                {text('viewStatement')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
