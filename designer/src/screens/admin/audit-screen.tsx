// The audit log: who did what and when, filtered by action, user and dates. Actions
// and their details read in the reader's language ("修改角色 — 角色: 销售员 →
// 销售员、采购经理"), with the stored action key kept as the cell's tooltip.
import { Button, Card, DatePicker, Grid, Input, List, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { loadDefinitions } from '../../api/definitions';
import { useAsync } from '../../api/use-async';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { AuditDetails, detailLines, type DetailNames } from './audit-details';
import { AUDIT_ACTIONS, say } from './audit-text';
import { loadRoles } from './users-screen';

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
  const { t, locale, pick } = useI18n();
  const lookups = useAsync(() => Promise.all([loadRoles(), loadDefinitions()]), []);
  const names: DetailNames = {
    locale,
    role: (key) => pick(lookups.data?.[0].items.find((r) => r.key === key)?.label, key),
    definition: (key) => pick(lookups.data?.[1].find((d) => d.key === key)?.title, key),
  };
  const actionName = (action: string) => say(AUDIT_ACTIONS[action], locale, action);
  /** "definition:sales_order@4" → "销售订单 v4", "plugin:retail" → "retail"; a username stays as it is. */
  const subjectText = (subject: string | null) => {
    if (!subject) return '';
    const definition = /^definition:([^@]+)@(\d+)$/.exec(subject);
    if (definition) return `${names.definition(definition[1])} v${definition[2]}`;
    return subject.replace(/^(plugin|account):/, '');
  };
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
  // On a phone each entry is a card: the details column of a table sat off-screen, making every row tall.
  const phone = Grid.useBreakpoint().md === false;
  const items = page.data?.items ?? [];
  const actionCell = (e: Entry) => (
    <span className="audit-action" title={e.action}>
      {actionName(e.action)}
    </span>
  );
  const details = (e: Entry) => <AuditDetails lines={detailLines(e.action, e.details ?? {}, names)} />;
  return (
    <div className="audit-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('audit')}</Typography.Title>
      </div>
      <div className="list-filters">
        <Select
          aria-label={t('auditAction')}
          placeholder={t('auditAction')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.action || undefined}
          onChange={(action?: string) => set({ action: action ?? '' })}
          options={Object.keys(AUDIT_ACTIONS).map((value) => ({ value, label: actionName(value) }))}
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
        {phone ? (
          <List
            className="audit-cards"
            loading={page.loading}
            dataSource={items}
            renderItem={(e) => (
              <List.Item className="audit-card" data-id={e.id}>
                <div>
                  <div>
                    <strong>{actionCell(e)}</strong> {subjectText(e.subject)}
                  </div>
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at, locale)} · {e.actor?.username ?? '—'}
                    {e.ip ? ` · ${e.ip}` : ''}
                  </Typography.Text>
                  {details(e)}
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<Entry>
            rowKey="id"
            size="small"
            loading={page.loading}
            dataSource={items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('time'), render: (_, e) => formatDateTime(e.at, locale) },
              { title: t('auditAction'), render: (_, e) => actionCell(e) },
              { title: t('by'), render: (_, e) => e.actor?.username ?? '' },
              { title: t('auditSubject'), render: (_, e) => subjectText(e.subject) },
              { title: 'IP', dataIndex: 'ip' },
              { title: t('details'), render: (_, e) => details(e) },
            ]}
          />
        )}
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
