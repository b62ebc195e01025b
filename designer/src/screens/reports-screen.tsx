// Reports: the engine's report list (built-in and saved) when its report API is
// there; until then the dashboard's figures and the Excel export of any list.
import { Alert, Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import type { Locale } from '../api/types';
import { useAsync } from '../api/use-async';
import { useI18n } from '../i18n/locale';
import { LoadError } from '../shell/feedback';

interface Report {
  key: string;
  title?: Partial<Record<Locale, string>>;
  description?: Partial<Record<Locale, string>>;
}

export function ReportsScreen() {
  const { t, pick } = useI18n();
  const reports = useAsync(async () => {
    try {
      const body = await api<{ items: Report[] } | Report[]>('GET', '/api/reports');
      return Array.isArray(body) ? body : body.items;
    } catch (err) {
      // No report API in this engine yet: say so rather than fail.
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, []);
  return (
    <div className="reports-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('reports')}</Typography.Title>
      </div>
      {reports.error && <LoadError error={reports.error} onRetry={reports.reload} />}
      {reports.data === null && (
        <Alert
          type="info"
          showIcon
          title={t('reportsPending')}
          description={
            <>
              {t('reportsMeanwhile')} <Link to="/">{t('dashboard')}</Link>
            </>
          }
        />
      )}
      {reports.data && (
        <Card size="small">
          <List
            dataSource={reports.data}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta title={pick(r.title, r.key)} description={pick(r.description)} />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
