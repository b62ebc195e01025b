// Delegation settings: while I am away, someone else decides my approvals.
import { Alert, Button, Card, DatePicker, Form, Grid, List, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAsync } from '../../api/use-async';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/locale';

interface Delegation {
  id: string;
  to: string;
  from: string;
  until: string;
  delegate?: { username: string };
}

export function Delegations() {
  const { t, locale } = useI18n();
  const list = useAsync(() => api<{ items: Delegation[] }>('GET', '/api/approvals/delegations'), []);
  // Only users who may decide my approvals as my delegate can be chosen (the engine refuses anyone else).
  const candidates = useAsync(
    () => api<{ items: Array<{ id: string; username: string }> }>('GET', '/api/approvals/delegations/candidates'),
    [],
  );
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ to: string; range: [Dayjs, Dayjs] }>();
  // In one row on a wide screen; stacked on a phone, where the date range alone fills the width.
  const phone = Grid.useBreakpoint().sm === false;
  const add = async (values: { to: string; range: [Dayjs, Dayjs] }) => {
    setError(null);
    try {
      await api('POST', '/api/approvals/delegations', {
        to: values.to.trim(),
        from: values.range[0].startOf('day').toISOString(),
        until: values.range[1].endOf('day').toISOString(),
      });
      form.resetFields();
      list.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const remove = async (id: string) => {
    try {
      await api('DELETE', `/api/approvals/delegations/${encodeURIComponent(id)}`);
      list.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Card size="small" title={t('delegations')} className="delegations">
      <Typography.Paragraph type="secondary">{t('delegationHelp')}</Typography.Paragraph>
      <List
        size="small"
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('noDelegations') }}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Button key="remove" size="small" onClick={() => void remove(d.id)}>
                {t('remove')}
              </Button>,
            ]}
          >
            {d.delegate?.username ?? d.to} · {formatDateTime(d.from, locale)} – {formatDateTime(d.until, locale)}
          </List.Item>
        )}
      />
      <Form
        form={form}
        layout={phone ? 'vertical' : 'inline'}
        onFinish={(v) => void add(v)}
        className="delegation-form"
      >
        <Form.Item
          name="to"
          label={t('delegateTo')}
          rules={[{ required: true, message: t('required', { field: t('delegateTo') }) }]}
        >
          <Select
            showSearch
            placeholder={t('username')}
            style={{ minWidth: 160 }}
            options={(candidates.data?.items ?? []).map((c) => ({ value: c.username, label: c.username }))}
          />
        </Form.Item>
        <Form.Item
          name="range"
          label={t('period')}
          rules={[{ required: true, message: t('required', { field: t('period') }) }]}
        >
          <DatePicker.RangePicker style={phone ? { width: '100%' } : undefined} />
        </Form.Item>
        <Space>
          <Button htmlType="submit">{t('addDelegation')}</Button>
        </Space>
      </Form>
      {error && <Alert type="error" role="alert" showIcon title={error} className="import-alert" />}
    </Card>
  );
}
