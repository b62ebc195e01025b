// Users: create with roles, change roles, disable/enable, reset the password,
// unlock after too many failed sign-ins.
import { Alert, App, Button, Card, Form, Grid, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Locale } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';

interface User {
  id: string;
  username: string;
  roles: string[];
  disabled: boolean;
  totpEnabled: boolean;
}

export interface Role {
  key: string;
  label: Partial<Record<Locale, string>>;
  description?: string;
  builtIn: boolean;
}

export const loadRoles = () => api<{ items: Role[] }>('GET', '/api/roles');

type Dialog = { kind: 'create' } | { kind: 'roles'; user: User } | { kind: 'password'; user: User };

export function UsersScreen() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const users = useAsync(() => api<{ items: User[] }>('GET', '/api/users?limit=200'), []);
  const roles = useAsync(loadRoles, []);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ username?: string; password?: string; roles?: string[] }>();
  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.key, label: pick(r.label, r.key) }));
  const roleLabel = (key: string) => roleOptions.find((o) => o.value === key)?.label ?? key;
  // On a phone the actions stay in view at the right, stacked, while the rest scrolls beside them.
  const phone = Grid.useBreakpoint().sm === false;

  const act = async (run: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await run();
      void message.success(done);
      setDialog(null);
      form.resetFields();
      users.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const submit = (v: { username?: string; password?: string; roles?: string[] }) => {
    if (!dialog) return;
    if (dialog.kind === 'create')
      void act(
        () => api('POST', '/api/users', { username: v.username, password: v.password, roles: v.roles ?? [] }),
        t('saved'),
      );
    if (dialog.kind === 'roles')
      void act(() => api('PUT', `/api/users/${dialog.user.id}/roles`, { roles: v.roles ?? [] }), t('saved'));
    if (dialog.kind === 'password')
      void act(() => api('POST', `/api/users/${dialog.user.id}/password`, { password: v.password }), t('saved'));
  };

  return (
    <div className="users-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('users')}</Typography.Title>
        <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
          {t('newUser')}
        </Button>
      </div>
      {users.error && <LoadError error={users.error} onRetry={users.reload} />}
      {error && !dialog && <Alert type="error" role="alert" showIcon title={error} className="import-alert" />}
      <Card size="small">
        <Table<User>
          rowKey="id"
          loading={users.loading}
          dataSource={users.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('username'), dataIndex: 'username' },
            { title: t('roles'), render: (_, u) => u.roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) },
            {
              title: t('state'),
              render: (_, u) =>
                u.disabled ? <Tag color="red">{t('disabled')}</Tag> : <Tag color="green">{t('enabled')}</Tag>,
            },
            {
              title: t('actions'),
              ...(phone ? { fixed: 'right' as const, width: 132 } : {}),
              render: (_, u) => (
                <Space wrap size={4}>
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ roles: u.roles });
                      setDialog({ kind: 'roles', user: u });
                    }}
                  >
                    {t('roles')}
                  </Button>
                  <Button size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
                    {t('resetPassword')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => void act(() => api('POST', `/api/users/${u.id}/unlock`, {}), t('unlocked'))}
                  >
                    {t('unlock')}
                  </Button>
                  <Button
                    size="small"
                    danger={!u.disabled}
                    onClick={() =>
                      void act(
                        () => api('POST', `/api/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`, {}),
                        t('saved'),
                      )
                    }
                  >
                    {u.disabled ? t('enable') : t('disable')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'create'
            ? t('newUser')
            : dialog?.kind === 'roles'
              ? `${t('roles')} · ${dialog.user.username}`
              : dialog
                ? `${t('resetPassword')} · ${dialog.user.username}`
                : ''
        }
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={() => form.submit()}
        onCancel={() => {
          setDialog(null);
          setError(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {dialog?.kind === 'create' && (
            <Form.Item
              name="username"
              label={t('username')}
              rules={[{ required: true, message: t('required', { field: t('username') }) }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          )}
          {(dialog?.kind === 'create' || dialog?.kind === 'password') && (
            <Form.Item
              name="password"
              label={t('password')}
              rules={[{ required: true, message: t('required', { field: t('password') }) }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          {(dialog?.kind === 'create' || dialog?.kind === 'roles') && (
            <Form.Item name="roles" label={t('roles')}>
              <Select mode="multiple" options={roleOptions} aria-label={t('roles')} />
            </Form.Item>
          )}
        </Form>
        {error && dialog && <Alert type="error" role="alert" showIcon title={error} />}
      </Modal>
    </div>
  );
}
