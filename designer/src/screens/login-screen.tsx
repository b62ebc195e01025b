// Sign in with user name and password (POST /api/auth/login), and a one-time
// code when the account has two-step verification. The engine's message comes
// back in the UI language (Accept-Language).
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { login } from '../api/client';
import type { Session } from '../api/types';
import { useI18n } from '../i18n/locale';
import { LanguageSwitch } from '../shell/header-actions';

export function LoginScreen({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(values.username, values.password));
    } catch (err) {
      setError(err instanceof TypeError ? t('networkError') : err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <Typography.Title level={2} className="login-title">
          {t('appSubtitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('signInTitle')}</Typography.Paragraph>
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={(v: { username: string; password: string }) => void submit(v)}
          size="large"
        >
          <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('username') }]}>
            <Input name="username" prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('password') }]}>
            <Input.Password name="password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon role="alert" className="login-error" title={error} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {busy ? t('signingIn') : t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
