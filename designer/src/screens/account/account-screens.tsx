// The user's own account: change the password (the start-up banner asks the
// admin to), and two-step sign-in with an authenticator app (TOTP).
import { Alert, App, Button, Card, Form, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/locale';

export function ChangePasswordScreen() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; repeat: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t('passwordChanged'));
      form.resetFields();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="account-card" title={t('changePassword')}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="currentPassword"
          label={t('currentPassword')}
          rules={[{ required: true, message: t('required', { field: t('currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('newPassword')}
          rules={[{ required: true, message: t('required', { field: t('newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('repeatPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('required', { field: t('repeatPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" role="alert" showIcon title={error} className="import-alert" />}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}

export function TotpScreen() {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Card className="account-card" title={t('totpEnrol')}>
      <Typography.Paragraph type="secondary">{t('totpHelp')}</Typography.Paragraph>
      {!enrolment && !codes && (
        <Button
          type="primary"
          onClick={() => void run(async () => setEnrolment(await api('POST', '/api/auth/totp/enrol', {})))}
        >
          {t('totpStart')}
        </Button>
      )}
      {enrolment && !codes && (
        <Form
          layout="vertical"
          onFinish={(v: { code: string }) =>
            void run(async () =>
              setCodes(
                (await api<{ recoveryCodes: string[] }>('POST', '/api/auth/totp/verify', { code: v.code }))
                  .recoveryCodes,
              ),
            )
          }
        >
          <Typography.Paragraph>{t('totpSecret')}</Typography.Paragraph>
          <Typography.Paragraph copyable code className="totp-secret">
            {enrolment.secret}
          </Typography.Paragraph>
          <Typography.Paragraph copyable className="totp-uri" type="secondary">
            {enrolment.uri}
          </Typography.Paragraph>
          <Form.Item
            name="code"
            label={t('totpCode')}
            rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('totpCodeFormat') }]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('confirm')}
          </Button>
        </Form>
      )}
      {codes && (
        <>
          <Alert type="success" showIcon title={t('totpOn')} className="import-alert" />
          <Typography.Paragraph>{t('recoveryCodes')}</Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={codes}
            renderItem={(c) => (
              <List.Item>
                <code>{c}</code>
              </List.Item>
            )}
          />
        </>
      )}
      {error && <Alert type="error" role="alert" showIcon title={error} className="import-alert" />}
    </Card>
  );
}
