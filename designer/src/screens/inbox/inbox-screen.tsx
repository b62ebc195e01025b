// The approval inbox: every open level the user can decide now, with amount,
// requester, waiting time and SLA state; approve or reject with a comment right
// here, or open the document. Delegation settings below.
import { Alert, App, Button, Card, Form, Grid, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Locale } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { formatDateTime, formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';
import { LoadError } from '../../shell/feedback';
import { Delegations } from './delegations';

export interface InboxItem {
  type: string;
  typeTitle: Partial<Record<Locale, string>>;
  id: string;
  number: string;
  kind: string;
  total: unknown;
  customer: { code?: unknown; name?: unknown } | null;
  level: { key: string; label: Partial<Record<Locale, string>>; index: number; of: number };
  requestedBy: { username: string } | null;
  waitingMs: number;
  dueAt: string | null;
  overdue: boolean;
  escalated: boolean;
  reason?: string;
}

function waited(ms: number, t: ReturnType<typeof useI18n>['t']): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return t('minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? t('hours', { count: hours }) : t('days', { count: Math.floor(hours / 24) });
}

export function InboxScreen() {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const inbox = useAsync(() => api<{ items: InboxItem[] }>('GET', '/api/approvals/inbox'), []);
  const [deciding, setDeciding] = useState<{ item: InboxItem; decision: 'approve' | 'reject' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();

  const decide = async ({ comment }: { comment?: string }) => {
    if (!deciding) return;
    setBusy(true);
    setError(null);
    try {
      await api(
        'POST',
        `/api/documents/${encodeURIComponent(deciding.item.type)}/${encodeURIComponent(deciding.item.id)}/${deciding.decision}`,
        comment ? { comment } : {},
      );
      void message.success(deciding.decision === 'approve' ? t('approved') : t('rejected'));
      setDeciding(null);
      form.resetFields();
      inbox.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const customer = (i: InboxItem) =>
    [i.customer?.code, i.customer?.name].filter((v) => typeof v === 'string').join(' ');
  const actions = (i: InboxItem) => (
    <Space>
      <Button
        type="primary"
        size="small"
        onClick={() => setDeciding({ item: i, decision: 'approve' })}
        aria-label={`${t('approve')} ${i.number}`}
      >
        {t('approve')}
      </Button>
      <Button
        danger
        size="small"
        onClick={() => setDeciding({ item: i, decision: 'reject' })}
        aria-label={`${t('reject')} ${i.number}`}
      >
        {t('reject')}
      </Button>
    </Space>
  );
  const sla = (i: InboxItem) =>
    i.overdue ? (
      <Tag color="red">{t('overdue')}</Tag>
    ) : i.dueAt ? (
      <Tag color="blue">{t('slaDue', { time: formatDateTime(i.dueAt, locale) })}</Tag>
    ) : (
      <Tag>{t('noSla')}</Tag>
    );
  const items = inbox.data?.items ?? [];

  return (
    <div className="inbox-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('inbox')}</Typography.Title>
      </div>
      {inbox.error && <LoadError error={inbox.error} onRetry={inbox.reload} />}
      <Card size="small">
        {phone ? (
          <List
            dataSource={items}
            loading={inbox.loading}
            locale={{ emptyText: t('inboxEmpty') }}
            renderItem={(i) => (
              <List.Item className="inbox-card" actions={[actions(i)]}>
                <List.Item.Meta
                  title={
                    <Link
                      to={pathFor({ name: 'document', type: i.type, id: i.id })}
                    >{`${pick(i.typeTitle, i.type)} ${i.number}`}</Link>
                  }
                  description={
                    <>
                      <div>{customer(i)}</div>
                      <div>
                        {typeof i.total === 'number' ? `¥${formatMoney(i.total, locale)} · ` : ''}
                        {pick(i.level.label, i.level.key)} · {waited(i.waitingMs, t)} {sla(i)}
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<InboxItem>
            rowKey={(i) => `${i.type}/${i.id}/${i.level.key}`}
            className="inbox-table"
            loading={inbox.loading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: t('inboxEmpty') }}
            columns={[
              {
                title: t('number'),
                render: (_, i) => (
                  <Link
                    to={pathFor({ name: 'document', type: i.type, id: i.id })}
                  >{`${pick(i.typeTitle, i.type)} ${i.number}`}</Link>
                ),
              },
              { title: t('customer'), render: (_, i) => customer(i) },
              {
                title: t('total'),
                align: 'right',
                render: (_, i) => (typeof i.total === 'number' ? `¥${formatMoney(i.total, locale)}` : ''),
              },
              {
                title: t('level'),
                render: (_, i) => `${pick(i.level.label, i.level.key)} (${i.level.index + 1}/${i.level.of})`,
              },
              { title: t('requester'), render: (_, i) => i.requestedBy?.username ?? '' },
              { title: t('waiting'), render: (_, i) => waited(i.waitingMs, t) },
              { title: t('sla'), render: (_, i) => sla(i) },
              { title: t('actions'), render: (_, i) => actions(i) },
            ]}
          />
        )}
      </Card>
      <Delegations />
      <Modal
        open={deciding !== null}
        title={
          deciding ? `${deciding.decision === 'approve' ? t('approve') : t('reject')} · ${deciding.item.number}` : ''
        }
        okText={t('confirm')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: deciding?.decision === 'reject', loading: busy }}
        onOk={() => form.submit()}
        onCancel={() => {
          setDeciding(null);
          setError(null);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void decide(v)}>
          <Form.Item
            name="comment"
            label={t('comment')}
            rules={
              deciding?.decision === 'reject'
                ? [{ required: true, whitespace: true, message: t('required', { field: t('comment') }) }]
                : []
            }
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
        {error && <Alert type="error" role="alert" showIcon title={error} />}
      </Modal>
    </div>
  );
}
