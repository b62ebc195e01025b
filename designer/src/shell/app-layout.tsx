// The signed-in frame: side navigation (a drawer on a phone), header, breadcrumb
// and the current route's screen.
import {
  AppstoreOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  MenuOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  ShopOutlined,
  HomeOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Drawer, Grid, Layout, Menu, type MenuProps } from 'antd';
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { loadDefinitions } from '../api/definitions';
import { useAsync } from '../api/use-async';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/locale';
import { ErrorBoundary, LoadError, Loading } from './feedback';
import { HeaderActions } from './header-actions';
import { buildNav, NAV_GROUPS, type NavGroup, type NavItem } from './nav';
import { useUser } from './session';

const GROUP_ICONS: Record<NavGroup, ReactNode> = {
  sales: <ShopOutlined />,
  purchase: <ShoppingCartOutlined />,
  inventory: <DatabaseOutlined />,
  master: <AppstoreOutlined />,
  reports: <BarChartOutlined />,
  settings: <SettingOutlined />,
};

function useNavMenu(): {
  items: MenuProps['items'];
  titleOf(path: string): string | undefined;
  loadError?: Error;
  reload(): void;
} {
  const { t, pick } = useI18n();
  const user = useUser();
  const defs = useAsync(loadDefinitions, []);
  return useMemo(() => {
    const groups = buildNav(defs.data ?? [], user);
    const label = (item: NavItem) =>
      typeof item.title === 'string' ? t(item.title as MessageKey) : pick(item.title, item.key);
    const titles = new Map<string, string>();
    const items: MenuProps['items'] = [
      { key: '/', icon: <HomeOutlined />, label: <Link to="/">{t('dashboard')}</Link> },
    ];
    for (const group of NAV_GROUPS) {
      const entries = groups.get(group) ?? [];
      if (entries.length === 0) continue;
      items.push({
        key: `group:${group}`,
        icon: GROUP_ICONS[group],
        label: t(`nav_${group}` as MessageKey),
        children: entries.map((item) => {
          titles.set(item.path, label(item));
          return { key: item.path, label: <Link to={item.path}>{label(item)}</Link> };
        }),
      });
    }
    return { items, titleOf: (path: string) => titles.get(path), loadError: defs.error, reload: defs.reload };
  }, [defs.data, defs.error, defs.reload, user, t, pick]);
}

/** The menu key for a location: `/t/sales_order/123` is under `/t/sales_order`. */
function selectedKey(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 't' && parts[1]) return `/t/${parts[1]}`;
  if (parts[0] === 'stock' && parts[1] === 'opening') return '/stock/opening';
  if (parts[0] === 'admin' || parts[0] === 'account') return `/${parts.slice(0, 2).join('/')}`;
  return parts.length ? `/${parts[0]}` : '/';
}

export function AppLayout() {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const nav = useNavMenu();
  const key = selectedKey(location.pathname);
  const openGroup = (nav.items ?? []).find((i) => i && 'children' in i && i.children?.some((c) => c?.key === key))?.key;

  const menu = (
    <Menu
      mode="inline"
      aria-label={t('navigation')}
      selectedKeys={[key]}
      defaultOpenKeys={openGroup ? [String(openGroup)] : ['group:sales']}
      items={nav.items}
      onClick={() => setDrawer(false)}
    />
  );
  const crumbs = [{ title: <Link to="/">{t('home')}</Link> }];
  const section = nav.titleOf(key);
  if (section && key !== '/') crumbs.push({ title: <Link to={key}>{section}</Link> });

  return (
    <Layout className="app-layout">
      {!phone && (
        <Layout.Sider
          className="app-sider"
          theme="light"
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          trigger={null}
        >
          <div className="brand" onClick={() => navigate('/')}>
            {collapsed ? t('appTitle').slice(0, 1) : t('appSubtitle')}
          </div>
          {menu}
        </Layout.Sider>
      )}
      {phone && (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={260}
          title={t('appSubtitle')}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Button
            type="text"
            aria-label={phone ? t('openMenu') : collapsed ? t('expandMenu') : t('collapseMenu')}
            icon={<MenuOutlined />}
            onClick={() => (phone ? setDrawer(true) : setCollapsed(!collapsed))}
          />
          {phone && <span className="brand-inline">{t('appTitle')}</span>}
          <span className="spacer" />
          <HeaderActions />
        </Layout.Header>
        <Layout.Content className="app-content">
          {!phone && <Breadcrumb className="app-breadcrumb" items={crumbs} />}
          {nav.loadError && <LoadError error={nav.loadError} onRetry={nav.reload} />}
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
