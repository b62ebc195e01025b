// The header's right side: approval-inbox count, notification bell, language
// switch and the user menu. Counts are refreshed on every navigation.
import {
  AuditOutlined,
  BellOutlined,
  DownOutlined,
  LogoutOutlined,
  SafetyOutlined,
  KeyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Button, Dropdown, List, Popover, Space, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Locale } from '../api/types';
import { useAsync } from '../api/use-async';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n/locale';
import { useSession, useUser } from './session';

interface Notification {
  id: string;
  kind: string;
  title?: Partial<Record<Locale, string>>;
  message?: Partial<Record<Locale, string>>;
  subject?: { type: string; id: string; number?: string } | null;
  createdAt: string;
  readAt?: string | null;
}

function NotificationBell() {
  const { t, pick, locale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const list = useAsync(
    () => api<{ items: Notification[]; unread: number }>('GET', '/api/notifications?limit=10'),
    [location.pathname],
  );
  const unread = list.data?.unread ?? 0;
  const open = async (n: Notification) => {
    if (!n.readAt)
      await api('POST', `/api/notifications/${encodeURIComponent(n.id)}/read`, {}).catch((err: unknown) =>
        console.error(err),
      );
    if (n.subject) void navigate(`/t/${n.subject.type}/${n.subject.id}`);
    list.reload();
  };
  const content = (
    <List
      className="notification-list"
      size="small"
      locale={{ emptyText: t('noNotifications') }}
      dataSource={list.data?.items ?? []}
      renderItem={(n) => (
        <List.Item className={n.readAt ? 'is-read' : 'is-unread'} onClick={() => void open(n)}>
          <List.Item.Meta
            title={pick(n.title, n.kind)}
            description={
              <>
                <div>{pick(n.message)}</div>
                <Typography.Text type="secondary">{formatDateTime(n.createdAt, locale)}</Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
  return (
    <Popover content={content} title={t('notifications')} trigger="click" placement="bottomRight">
      <Button
        type="text"
        aria-label={`${t('notifications')} ${unread}`}
        icon={
          <Badge count={unread} size="small">
            <BellOutlined />
          </Badge>
        }
      />
    </Popover>
  );
}

function InboxCount() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const inbox = useAsync(() => api<{ items: unknown[] }>('GET', '/api/approvals/inbox'), [location.pathname]);
  const count = inbox.data?.items.length ?? 0;
  return (
    <Button
      type="text"
      className="inbox-count"
      data-count={count}
      aria-label={t('inboxCount', { count })}
      onClick={() => navigate('/inbox')}
      icon={
        <Badge count={count} size="small" offset={[4, 0]}>
          <AuditOutlined />
        </Badge>
      }
    >
      <span className="hide-on-phone">{t('inbox')}</span>
    </Button>
  );
}

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      lang={next}
      aria-label={`${t('language')}: ${t('switchLanguage')}`}
      onClick={() => setLocale(next)}
    >
      {t('switchLanguage')}
    </Button>
  );
}

export function HeaderActions() {
  const { t } = useI18n();
  const user = useUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const items = [
    { key: 'password', icon: <KeyOutlined />, label: t('changePassword') },
    { key: 'totp', icon: <SafetyOutlined />, label: t('totpEnrol') },
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined />, label: t('logout'), danger: true },
  ];
  const onClick = ({ key }: { key: string }) => {
    if (key === 'password') void navigate('/account/password');
    else if (key === 'totp') void navigate('/account/totp');
    else if (key === 'logout') void signOut().then(() => navigate('/'));
  };
  return (
    <Space size={4} className="header-actions">
      <InboxCount />
      <NotificationBell />
      <LanguageSwitch />
      <Dropdown menu={{ items, onClick }} trigger={['click']}>
        <Button type="text" aria-label={`${t('userMenu')} ${user.username}`} className="user-menu">
          <UserOutlined />
          <span className="hide-on-phone">{user.username}</span>
          <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}
