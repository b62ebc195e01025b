// Routes of the staff app. Hash routes: the engine serves one index.html at
// /app/, so a reload or a shared link never asks the server for a path it does
// not know. The designer area is its own lazily loaded chunk, for admins only.
import { Result } from 'antd';
import { lazy, type ReactNode } from 'react';
import { createHashRouter, Navigate, RouterProvider, useParams } from 'react-router';
import { useI18n } from './i18n/locale';
import { DefinitionsScreen } from './screens/definitions-screen';
import { ListScreen } from './screens/list/list-screen';
import { LoginScreen } from './screens/login-screen';
import { ChangePasswordScreen, TotpScreen } from './screens/account/account-screens';
import { AuditScreen } from './screens/admin/audit-screen';
import { QueuesScreen } from './screens/admin/queues-screen';
import { PluginsScreen } from './screens/admin/plugins-screen';
import { RolesScreen } from './screens/admin/roles-screen';
import { UsersScreen } from './screens/admin/users-screen';
import { InboxScreen } from './screens/inbox/inbox-screen';
import { PrintScreen } from './screens/print-screen';
import { OpeningBalanceScreen } from './screens/stock/opening-balance';
import { StockScreen } from './screens/stock/stock-screen';
import { CustomerOverviewScreen } from './screens/customer/customer-overview-screen';
import { AppLayout } from './shell/app-layout';
import { isAdmin } from './shell/nav';
import { useSession, useUser } from './shell/session';

const DesignerArea = lazy(() => import('./designer'));
// The form screens carry rjsf and ajv; the first page loads without them.
const DocumentScreen = lazy(() =>
  import('./screens/document/document-screen').then((m) => ({ default: m.DocumentScreen })),
);
// ECharts only for the dashboard.
const DashboardScreen = lazy(() => import('./screens/dashboard/dashboard-screen'));
// Reports carry rjsf (parameter forms) and ECharts, like the screens above.
const ReportsScreen = lazy(() => import('./screens/reports/reports-screen'));
// 财务 (issue 16): its own chunk, like reports.
const FinanceScreen = lazy(() => import('./screens/finance/finance-screen'));
const NewDocumentScreen = lazy(() =>
  import('./screens/document/new-document-screen').then((m) => ({ default: m.NewDocumentScreen })),
);

function SignedIn() {
  const { session, signedIn } = useSession();
  return session ? <AppLayout /> : <LoginScreen onSignedIn={signedIn} />;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound')} />;
}

function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return isAdmin(useUser()) ? children : <Result status="403" title="403" subTitle={t('forbidden')} />;
}

/** Screens keyed by their route params, so moving between documents starts each afresh. */
function TypeRoute({ screen }: { screen: 'list' | 'new' | 'document' }) {
  const { type = '', id = '' } = useParams();
  const user = useUser();
  if (screen === 'list') return <ListScreen key={type} type={type} />;
  if (screen === 'new') return <NewDocumentScreen key={type} type={type} />;
  return <DocumentScreen key={`${type}/${id}`} type={type} id={id} user={user} />;
}

/** The print view stands alone: paper on a grey desk, no navigation around it. */
function SignedInPrint() {
  const { session, signedIn } = useSession();
  return session ? <PrintScreen /> : <LoginScreen onSignedIn={signedIn} />;
}

const router = createHashRouter([
  { path: '/print/:type/:id/:template', element: <SignedInPrint /> },
  {
    path: '/',
    element: <SignedIn />,
    children: [
      { index: true, element: <DashboardScreen /> },
      { path: 'all', element: <DefinitionsScreen /> },
      { path: 't/:type', element: <TypeRoute screen="list" /> },
      { path: 't/:type/new', element: <TypeRoute screen="new" /> },
      { path: 't/:type/:id', element: <TypeRoute screen="document" /> },
      { path: 'inbox', element: <InboxScreen /> },
      { path: 'stock', element: <StockScreen /> },
      { path: 'stock/opening', element: <OpeningBalanceScreen /> },
      { path: 'reports', element: <ReportsScreen /> },
      { path: 'reports/:key', element: <ReportsScreen /> },
      { path: 'finance', element: <FinanceScreen /> },
      { path: 'finance/:tab', element: <FinanceScreen /> },
      { path: 'customers/:id/overview', element: <CustomerOverviewScreen /> },
      { path: 'account/password', element: <ChangePasswordScreen /> },
      { path: 'account/totp', element: <TotpScreen /> },
      {
        path: 'admin/users',
        element: (
          <AdminOnly>
            <UsersScreen />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/roles',
        element: (
          <AdminOnly>
            <RolesScreen />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <AdminOnly>
            <AuditScreen />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/queues',
        element: (
          <AdminOnly>
            <QueuesScreen />
          </AdminOnly>
        ),
      },
      {
        path: 'admin/plugins',
        element: (
          <AdminOnly>
            <PluginsScreen />
          </AdminOnly>
        ),
      },
      {
        path: 'designer/*',
        element: (
          <AdminOnly>
            <DesignerArea />
          </AdminOnly>
        ),
      },
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
