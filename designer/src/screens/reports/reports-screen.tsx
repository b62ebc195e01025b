// Reports: the kinds this user may run (built-in and saved), one opened beside
// the list on a wide screen and on its own on a phone. Admins add and remove
// their own (saved) reports here.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Grid, List, Popconfirm, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { LoadError, Loading } from '../../shell/feedback';
import { isAdmin } from '../../shell/nav';
import { useUser } from '../../shell/session';
import { deleteSavedReport, listReports, type ReportKindView } from './report-api';
import { paramsFromQuery, ReportPanel } from './report-panel';
import { SavedReportDialog } from './saved-report-dialog';

export default function ReportsScreen() {
  const { key } = useParams();
  const [query] = useSearchParams();
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const admin = isAdmin(useUser());
  const phone = Grid.useBreakpoint().lg === false;
  const [adding, setAdding] = useState(false);
  const reports = useAsync(listReports, []);
  const open = reports.data?.find((r) => r.key === key);

  const remove = async (r: ReportKindView) => {
    try {
      await deleteSavedReport(r.key);
      void message.success(t('deleted'));
      if (key === r.key) void navigate('/reports');
      reports.reload();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const list = (
    <Card
      size="small"
      title={t('reportList')}
      extra={
        admin && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('reportNewCustom')}
          </Button>
        )
      }
    >
      <List<ReportKindView>
        dataSource={reports.data ?? []}
        loading={reports.loading && !reports.data}
        renderItem={(r) => (
          <List.Item
            className={r.key === key ? 'is-current' : undefined}
            actions={
              admin && r.custom
                ? [
                    <Popconfirm key="delete" title={t('reportDeleteConfirm')} onConfirm={() => void remove(r)}>
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`${t('delete')} ${pick(r.title, r.key)}`}
                      />
                    </Popconfirm>,
                  ]
                : undefined
            }
          >
            <List.Item.Meta
              title={
                <Link to={`/reports/${r.key}`} aria-current={r.key === key ? 'page' : undefined}>
                  {pick(r.title, r.key)} {r.custom && <Tag color="purple">{t('reportCustom')}</Tag>}
                </Link>
              }
              description={r.description ? pick(r.description) : undefined}
            />
          </List.Item>
        )}
      />
    </Card>
  );

  return (
    <div className="reports-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{open ? pick(open.title, open.key) : t('reports')}</Typography.Title>
        {open && phone && <Link to="/reports">{t('reportAll')}</Link>}
      </div>
      {reports.error && <LoadError error={reports.error} onRetry={reports.reload} />}
      {key && !open && reports.loading && <Loading />}
      {key && reports.data && !open && <Typography.Text type="warning">{t('reportUnknown')}</Typography.Text>}
      <Row gutter={[16, 16]}>
        {!(phone && open) && (
          <Col xs={24} lg={8} xl={7}>
            {list}
          </Col>
        )}
        {open && (
          <Col xs={24} lg={16} xl={17}>
            <ReportPanel key={open.key} kind={open} initial={paramsFromQuery(open, query)} />
          </Col>
        )}
      </Row>
      <SavedReportDialog
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          reports.reload();
        }}
      />
    </div>
  );
}
