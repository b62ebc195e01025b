// Vouchers of a period, each with its debit and credit lines, and the period's
// trial balance (试算平衡表) whose debits equal its credits.
import { Alert, DatePicker, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAsync } from '../../api/use-async';
import { formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { listVouchers, runReport, type VoucherView } from './finance-api';
import { ReportTable } from './report-table';
import { useFinanceText } from './text';

type Line = VoucherView['data']['lines'][number];

/** The English text when the voucher has it (written since vouchers keep both languages), else the zh-CN text. */
const inLocale = (locale: string, zh: string | undefined, en: string | undefined): string =>
  (locale === 'en' && en) || zh || '';

export function VouchersTab() {
  const { locale } = useI18n();
  const text = useFinanceText();
  const [month, setMonth] = useState(dayjs().startOf('month'));
  const from = month.format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const vouchers = useAsync(() => listVouchers(from, to), [from, to]);
  const tb = useAsync(() => runReport('trial_balance', { from, to }), [from, to]);
  const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v, locale) : '');
  const sum = (v: VoucherView, side: 'debit' | 'credit') =>
    v.data.lines.reduce((t, l) => t + Math.round(l[side] * 100), 0) / 100;
  const totals = (tb.data as { totals?: Record<string, number> } | undefined)?.totals;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DatePicker
        picker="month"
        aria-label={text('period')}
        allowClear={false}
        value={month}
        onChange={(d) => d && setMonth(d.startOf('month'))}
      />
      {vouchers.error ? (
        <LoadError error={vouchers.error} onRetry={vouchers.reload} />
      ) : (
        <Table<VoucherView>
          className="finance-vouchers"
          rowKey="id"
          size="small"
          loading={vouchers.loading}
          dataSource={vouchers.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: text('noData') }}
          expandable={{
            expandedRowRender: (v) => (
              <Table<Line>
                rowKey={(_, i) => String(i)}
                size="small"
                pagination={false}
                dataSource={v.data.lines}
                columns={[
                  {
                    title: text('account'),
                    render: (_, l) => `${l.account} ${inLocale(locale, l.accountName, l.accountNameEn)}`,
                  },
                  { title: text('debit'), align: 'right', render: (_, l) => money(l.debit) },
                  { title: text('credit2'), align: 'right', render: (_, l) => money(l.credit) },
                ]}
              />
            ),
          }}
          columns={[
            { title: text('date'), render: (_, v) => v.data.voucherDate },
            { title: text('number'), dataIndex: 'number' },
            { title: text('summary'), render: (_, v) => inLocale(locale, v.data.summary, v.data.summaryEn) },
            { title: text('debit'), align: 'right', render: (_, v) => money(sum(v, 'debit')) },
            { title: text('credit2'), align: 'right', render: (_, v) => money(sum(v, 'credit')) },
          ]}
        />
      )}
      <Typography.Title level={4}>{text('trialBalance')}</Typography.Title>
      {tb.error ? (
        <LoadError error={tb.error} onRetry={tb.reload} />
      ) : (
        <>
          {totals && (
            <Alert
              type={totals.debit === totals.credit ? 'success' : 'error'}
              showIcon
              title={`${totals.debit === totals.credit ? text('balanced') : text('unbalanced')}: ${text('debit')} ${money(totals.debit)} / ${text('credit2')} ${money(totals.credit)}`}
            />
          )}
          <ReportTable
            className="finance-trial-balance"
            rowKey={(r) => String(r.account)}
            loading={tb.loading}
            result={tb.data}
            emptyText={text('noData')}
          />
        </>
      )}
    </Space>
  );
}
