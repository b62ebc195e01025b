// The embedded store's scheduled backups, for admins (on the background-jobs
// page): the last backup, its time, size and check (restored into a scratch
// directory, documents counted against the source), where backups go and how
// many are kept; "Back up now" runs the same job the daily schedule runs.
import { App, Button, Card, Descriptions, Empty, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAsync } from '../../api/use-async';
import { formatDateTime, formatNumber } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';

interface BackupView {
  id: string;
  file: string | null;
  startedAt: string;
  status: 'passed' | 'failed';
  size: number;
  documents: number;
  check: { status: 'passed' | 'failed'; expected: number; restored: number; error?: string } | null;
  error: string | null;
}

interface BackupsOverview {
  enabled: boolean;
  schedule: string;
  dir: string;
  keep: number;
  last: BackupView | null;
}

const UNITS = ['B', 'KB', 'MB', 'GB'];

function formatSize(bytes: number, locale: 'zh-CN' | 'en'): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(Math.round(value * 10) / 10, locale)} ${UNITS[unit]}`;
}

/** "daily at 02:40" for the usual `M H * * *` pattern (BACKUP_CRON), else the pattern itself. */
function scheduleText(cron: string, t: ReturnType<typeof useI18n>['t']): string {
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron.trim());
  if (!daily) return t('backupCron', { cron });
  return t('backupDaily', { time: `${daily[2].padStart(2, '0')}:${daily[1].padStart(2, '0')}` });
}

export function BackupCard() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const view = useAsync(() => api<BackupsOverview>('GET', '/api/operations/backups'), []);

  const data = view.data;
  const last = data?.last ?? null;
  const [running, setRunning] = useState(false);

  // "Back up now" enqueues the job; the card looks again every second until a newer backup shows (at most a minute).
  const backUpNow = async () => {
    const before = last?.id ?? null;
    setRunning(true);
    try {
      await api('POST', '/api/operations/backups');
      void message.success(t('backupStarted'));
      for (let i = 0; i < 60; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const now = await api<BackupsOverview>('GET', '/api/operations/backups');
        if ((now.last?.id ?? null) !== before) break;
      }
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setRunning(false);
      view.reload();
    }
  };

  const check = last?.check;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      role="region"
      aria-label={t('backups')}
      title={t('backups')}
      loading={view.loading && !data}
      extra={
        data?.enabled ? (
          <Button size="small" loading={running} onClick={() => void backUpNow()}>
            {t('backUpNow')}
          </Button>
        ) : null
      }
    >
      {view.error && <LoadError error={view.error} onRetry={view.reload} />}
      {data && !data.enabled && <Typography.Text type="secondary">{t('backupsEmbeddedOnly')}</Typography.Text>}
      {data?.enabled && !last && <Empty description={t('noBackupYet', { when: scheduleText(data.schedule, t) })} />}
      {data?.enabled && last && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('lastBackup')}>{formatDateTime(last.startedAt, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('backupSize')}>{formatSize(last.size, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('backupDocuments')}>{formatNumber(last.documents, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('backupCheck')}>
            {check?.status === 'passed' ? (
              <Tag color="success">
                {t('backupCheckPassed', { restored: check.restored, expected: check.expected })}
              </Tag>
            ) : (
              <Tag color="error">{t('backupCheckFailed')}</Tag>
            )}
            {(last.error ?? check?.error) && (
              <Typography.Text type="danger">{last.error ?? check?.error}</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('backupFile')}>
            <Typography.Text copyable={!!last.file}>{last.file ?? '—'}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('backupPolicy')}>
            {t('backupPolicyText', { when: scheduleText(data.schedule, t), keep: data.keep })}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
