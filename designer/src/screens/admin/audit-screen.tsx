// The audit log: who did what and when, filtered by action, user and dates.
import { Button, Card, DatePicker, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAsync } from '../../api/use-async';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';

interface Entry {
  id: string;
  action: string;
  at: string;
  actor: { username?: string } | null;
  ip: string | null;
  subject: string | null;
  details?: Record<string, unknown>;
}

export function AuditScreen() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState({ action: '', actor: '', from: '', to: '' });
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(() => {
    const params = new URLSearchParams({ limit: '50' });
    for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
    if (cursor) params.set('cursor', cursor);
    return api<{ items: Entry[]; nextCursor: string | null }>('GET', `/api/audit?${params.toString()}`);
  }, [JSON.stringify(filters), cursor]);
  const set = (patch: Partial<typeof filters>) => {
    setCursors([]);
    setFilters({ ...filters, ...patch });
  };
  return (
    <div className="audit-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('audit')}</Typography.Title>
      </div>
      <div className="list-filters">
        <Input.Search
          aria-label={t('auditAction')}
          placeholder={t('auditAction')}
          allowClear
          onSearch={(action) => set({ action: action.trim() })}
          className="filter-ref"
        />
        <Input.Search
          aria-label={t('by')}
          placeholder={t('by')}
          allowClear
          onSearch={(actor) => set({ actor: actor.trim() })}
          className="filter-ref"
        />
        <DatePicker.RangePicker
          aria-label={t('dateRange')}
          onChange={(r) =>
            set({ from: r?.[0]?.startOf('day').toISOString() ?? '', to: r?.[1]?.endOf('day').toISOString() ?? '' })
          }
        />
      </div>
      {page.error && <LoadError error={page.error} onRetry={page.reload} />}
      <Card size="small">
        <Table<Entry>
          rowKey="id"
          size="small"
          loading={page.loading}
          dataSource={page.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('time'), render: (_, e) => formatDateTime(e.at, locale) },
            { title: t('auditAction'), dataIndex: 'action' },
            { title: t('by'), render: (_, e) => e.actor?.username ?? '' },
            { title: t('auditSubject'), dataIndex: 'subject' },
            { title: 'IP', dataIndex: 'ip' },
            {
              title: t('details'),
              render: (_, e) => <code className="audit-details">{e.details ? JSON.stringify(e.details) : ''}</code>,
            },
          ]}
        />
        <Space className="list-pager">
          <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('previousPage')}
          </Button>
          <Button
            disabled={!page.data?.nextCursor}
            onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
          >
            {t('nextPage')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
