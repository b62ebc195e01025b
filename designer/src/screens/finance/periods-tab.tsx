// Period close (结账): an admin closes a month so nothing posts into it, and may
// reopen it (both audited by the engine). Everyone with finance access sees which
// months are closed.
import { App as AntApp, Button, DatePicker, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAsync } from '../../api/use-async';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { listPeriods, setPeriod, type Period } from './finance-api';
import { useFinanceText } from './text';

export function PeriodsTab({ canClose }: { canClose: boolean }) {
  const { locale } = useI18n();
  const text = useFinanceText();
  const { message } = AntApp.useApp();
  const [month, setMonth] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [busy, setBusy] = useState(false);
  const periods = useAsync(() => listPeriods(), []);
  const act = async (action: 'close' | 'reopen') => {
    setBusy(true);
    try {
      await setPeriod(month, action);
      message.success(`${month} ${text(action === 'close' ? 'closed' : 'openState')}`);
      periods.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  if (periods.error) return <LoadError error={periods.error} onRetry={periods.reload} />;
  const rows = [...(periods.data ?? [])].sort((a, b) => b.period.localeCompare(a.period));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {canClose && (
        <Space wrap>
          <DatePicker
            picker="month"
            aria-label={text('month')}
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
          <Button type="primary" loading={busy} onClick={() => void act('close')}>
            {text('close')}
          </Button>
          <Button loading={busy} onClick={() => void act('reopen')}>
            {text('reopen')}
          </Button>
        </Space>
      )}
      <Table<Period>
        className="finance-periods"
        rowKey="period"
        size="small"
        loading={periods.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: text('noData') }}
        columns={[
          { title: text('period'), dataIndex: 'period' },
          {
            title: text('state'),
            render: (_, p) => <Tag color={p.closed ? 'red' : 'green'}>{text(p.closed ? 'closed' : 'openState')}</Tag>,
          },
          {
            title: text('changedAt'),
            render: (_, p) => {
              const at = p.closed ? p.closedAt : p.reopenedAt;
              return at ? formatDateTime(at, locale) : '';
            },
          },
        ]}
      />
    </Space>
  );
}
