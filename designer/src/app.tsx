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
import { PlaceholderScreen } from './screens/placeholder-screen';
import { AppLayout } from './shell/app-layout';
import { isAdmin } from './shell/nav';
import { useSession, useUser } from './shell/session';

const DesignerArea = lazy(() => import('./designer'));
// The form screens carry rjsf and ajv; the first page loads without them.
const DocumentScreen = lazy(() => import('./screens/document/document-screen').then((m) => ({ default: m.DocumentScreen })));
const NewDocumentScreen = lazy(() => import('./screens/document/new-document-screen').then((m) => ({ default: m.NewDocumentScreen })));

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

const router = createHashRouter([
  {
    path: '/',
    element: <SignedIn />,
    children: [
      { index: true, element: <DefinitionsScreen /> },
      { path: 't/:type', element: <TypeRoute screen="list" /> },
      { path: 't/:type/new', element: <TypeRoute screen="new" /> },
      { path: 't/:type/:id', element: <TypeRoute screen="document" /> },
      { path: 'inbox', element: <PlaceholderScreen title="inbox" /> },
      { path: 'stock', element: <PlaceholderScreen title="stockLevels" /> },
      { path: 'stock/opening', element: <PlaceholderScreen title="openingBalance" /> },
      { path: 'reports', element: <PlaceholderScreen title="reports" /> },
      { path: 'account/password', element: <PlaceholderScreen title="changePassword" /> },
      { path: 'account/totp', element: <PlaceholderScreen title="totpEnrol" /> },
      { path: 'admin/users', element: <AdminOnly><PlaceholderScreen title="users" /></AdminOnly> },
      { path: 'admin/roles', element: <AdminOnly><PlaceholderScreen title="roles" /></AdminOnly> },
      { path: 'admin/audit', element: <AdminOnly><PlaceholderScreen title="audit" /></AdminOnly> },
      { path: 'designer/*', element: <AdminOnly><DesignerArea /></AdminOnly> },
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
