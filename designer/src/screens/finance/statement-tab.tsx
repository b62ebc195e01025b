// A customer's or supplier's statement (对账单) for a period: the balance figures
// (balance, overdue, credit) and every invoice, reversal and receipt or payment
// with the running balance, from the statement reports.
import { Card, DatePicker, Descriptions, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { useAsync } from '../../api/use-async';
import { RefSelect } from '../../components/ref-select';
import { formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { partyBalance, runReport, type Party } from './finance-api';
import { ReportTable } from './report-table';
import { useFinanceText } from './text';

export interface StatementQuery {
  party: Party;
  id?: string;
  from: string;
  to: string;
}

export function StatementTab({ query, onChange }: { query: StatementQuery; onChange(q: StatementQuery): void }) {
  const { locale } = useI18n();
  const text = useFinanceText();
  const { party, id, from, to } = query;
  const key = party === 'customer' ? 'customer_statement' : 'supplier_statement';
  const statement = useAsync(
    () => (id ? runReport(key, { [party]: id, from, to }) : Promise.resolve(null)),
    [key, party, id, from, to],
  );
  const balance = useAsync(() => (id ? partyBalance(party, id) : Promise.resolve(null)), [party, id]);
  const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v, locale) : '');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group
          aria-label={text('side')}
          value={party}
          onChange={(e) => onChange({ ...query, party: e.target.value as Party, id: undefined })}
          options={[
            { value: 'customer', label: text('customer') },
            { value: 'supplier', label: text('supplier') },
          ]}
          optionType="button"
        />
        <RefSelect
          key={party}
          className="filter-ref"
          type={party}
          ariaLabel={text(party)}
          placeholder={text(party)}
          value={id}
          onChange={(v) => onChange({ ...query, id: v })}
        />
        <DatePicker
          aria-label={text('from')}
          allowClear={false}
          value={dayjs(from)}
          onChange={(d) => d && onChange({ ...query, from: d.format('YYYY-MM-DD') })}
        />
        <DatePicker
          aria-label={text('to')}
          allowClear={false}
          value={dayjs(to)}
          onChange={(d) => d && onChange({ ...query, to: d.format('YYYY-MM-DD') })}
        />
      </Space>
      {!id ? (
        <Card size="small">{text('pickParty')}</Card>
      ) : statement.error || balance.error ? (
        <LoadError error={(statement.error ?? balance.error) as Error} onRetry={statement.reload} />
      ) : (
        <>
          <Descriptions
            className="finance-balance"
            size="small"
            bordered
            column={{ xs: 1, sm: 3 }}
            items={(['balance', 'overdue', 'credit'] as const).map((k) => ({
              key: k,
              label: text(k),
              children: balance.data ? money(balance.data[k]) : '',
            }))}
          />
          <ReportTable
            className="finance-statement"
            rowKey={(_, i) => String(i)}
            loading={statement.loading}
            result={statement.data}
          />
        </>
      )}
    </Space>
  );
}
