// Roles: the built-in ones and the shop's own, with their labels.
import { Card, Table, Tag, Typography } from 'antd';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { loadRoles, type Role } from './users-screen';

export function RolesScreen() {
  const { t, pick } = useI18n();
  const roles = useAsync(loadRoles, []);
  return (
    <div className="roles-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('roles')}</Typography.Title>
      </div>
      {roles.error && <LoadError error={roles.error} onRetry={roles.reload} />}
      <Card size="small">
        <Table<Role>
          rowKey="key"
          loading={roles.loading}
          dataSource={roles.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('roleKey'), dataIndex: 'key' },
            { title: t('roleName'), render: (_, r) => pick(r.label, r.key) },
            { title: t('description'), dataIndex: 'description' },
            { title: '', render: (_, r) => (r.builtIn ? <Tag>{t('builtIn')}</Tag> : null) },
          ]}
        />
      </Card>
    </div>
  );
}
