// Background jobs, for admins: each queue's counts, and the jobs that failed for
// good with their error and attempts, to retry or discard. With Redis the
// engine also serves bull-board; the button first asks for the board's cookie
// (the board's page cannot send the bearer token itself).
import { App, Button, Card, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import { api } from '../../api/client';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { BackupCard } from './backup-card';

type QueueName = 'alerts' | 'reports' | 'notifications' | 'outbox';

interface QueuesView {
  kind: 'inline' | 'bullmq';
  board: string | null;
  queues: Array<{ queue: QueueName; waiting: number; active: number; delayed: number; failed: number; dead: number }>;
}

interface DeadJob {
  queue: QueueName;
  id: string;
  name: string;
  attemptsMade: number;
  error: string | null;
}

interface DeadView {
  queues: Array<{ queue: QueueName; jobs: Array<Omit<DeadJob, 'queue'>> }>;
}

const COUNTS = [
  ['waiting', 'queueWaiting'],
  ['active', 'queueActive'],
  ['delayed', 'queueDelayed'],
  ['failed', 'queueFailed'],
  ['dead', 'queueDead'],
] as const;

export function QueuesScreen() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const view = useAsync(async () => {
    const [counts, dead] = await Promise.all([
      api<QueuesView>('GET', '/api/operations/queues'),
      api<DeadView>('GET', '/api/operations/dead-letters'),
    ]);
    const jobs = dead.queues.flatMap((q) => q.jobs.map((j) => ({ ...j, queue: q.queue })));
    return { counts, jobs };
  }, []);

  const act = async (job: DeadJob, action: 'retry' | 'discard') => {
    const base = `/api/operations/dead-letters/${job.queue}/${encodeURIComponent(job.id)}`;
    try {
      await api(action === 'retry' ? 'POST' : 'DELETE', action === 'retry' ? `${base}/retry` : base);
      void message.success(`${t(action === 'retry' ? 'retryJob' : 'discardJob')}: ${job.name}`);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
    view.reload();
  };

  const openBoard = async (path: string) => {
    try {
      await api('POST', '/api/operations/board-session');
      window.open(path, '_blank', 'noopener');
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const board = view.data?.counts.board;
  return (
    <div className="queues-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('queues')}</Typography.Title>
        <Space>
          {/* A reload keeps the figures on screen; the button shows that new ones are coming. */}
          <Button onClick={view.reload} loading={view.loading && Boolean(view.data)}>
            {t('reload')}
          </Button>
          {board && <Button onClick={() => void openBoard(board)}>{t('openBoard')}</Button>}
        </Space>
      </div>
      {view.error && <LoadError error={view.error} onRetry={view.reload} />}
      <Card size="small">
        <Table
          rowKey="queue"
          size="small"
          loading={view.loading && !view.data}
          dataSource={view.data?.counts.queues ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('queueName'), render: (_, q) => t(`queue_${q.queue}`) },
            ...COUNTS.map(([key, label]) => ({
              title: t(label),
              dataIndex: key,
              align: 'right' as const,
            })),
          ]}
        />
      </Card>
      <Typography.Title level={4}>{t('deadJobs')}</Typography.Title>
      <Card size="small">
        <Table<DeadJob>
          rowKey={(j) => `${j.queue}/${j.id}`}
          size="small"
          loading={view.loading && !view.data}
          dataSource={view.data?.jobs ?? []}
          locale={{ emptyText: <Empty description={t('noDeadJobs')} /> }}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('queueName'), render: (_, j) => t(`queue_${j.queue}`) },
            { title: t('jobName'), dataIndex: 'name' },
            { title: t('jobAttempts'), dataIndex: 'attemptsMade', align: 'right' },
            {
              title: t('jobError'),
              render: (_, j) => (
                <Typography.Text ellipsis={{ tooltip: j.error }} style={{ maxWidth: 420 }}>
                  {j.error ?? ''}
                </Typography.Text>
              ),
            },
            {
              title: '',
              // Kept in view on a phone, where the error scrolls under it.
              fixed: 'right',
              render: (_, j) => (
                <Space>
                  <Button size="small" aria-label={`${t('retryJob')} ${j.name}`} onClick={() => void act(j, 'retry')}>
                    {t('retryJob')}
                  </Button>
                  <Popconfirm title={t('discardJobConfirm')} onConfirm={() => void act(j, 'discard')}>
                    <Button size="small" danger aria-label={`${t('discardJob')} ${j.name}`}>
                      {t('discardJob')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <BackupCard />
    </div>
  );
}
