// The staff app shell: sign-in gate, header (language switch, sign out) and the
// screen for the current hash route.
import { useState } from 'react';
import { configureClient, logout } from './api/client';
import { forgetDefinitions } from './api/definitions';
import { loadSession } from './api/session';
import type { Session } from './api/types';
import { forgetRefOptions } from './form/ref-options';
import { useI18n } from './i18n/locale';
import { hrefFor, useRoute } from './router';
import { DefinitionsScreen } from './screens/definitions-screen';
import { DocumentScreen } from './screens/document-screen';
import { ListScreen } from './screens/list-screen';
import { LoginScreen } from './screens/login-screen';
import { NewDocumentScreen } from './screens/new-document-screen';

function Screen({ session }: { session: Session }) {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <DefinitionsScreen />;
    case 'list':
      return <ListScreen key={route.type} type={route.type} />;
    case 'new':
      return <NewDocumentScreen key={route.type} type={route.type} />;
    case 'document':
      return <DocumentScreen key={`${route.type}/${route.id}`} type={route.type} id={route.id} user={session.user} />;
  }
}

export function App() {
  const { t, locale, setLocale } = useI18n();
  const [session, setSession] = useState<Session | null>(loadSession);
  const signedOut = () => {
    forgetDefinitions();
    forgetRefOptions();
    setSession(null);
  };
  // During render, not in an effect: children's effects run first and already call the API.
  configureClient({ locale, onSignedOut: signedOut });

  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={hrefFor({ name: 'home' })}>
          {t('appTitle')}
        </a>
        <span className="spacer" />
        <button type="button" className="link" lang={locale === 'en' ? 'zh-CN' : 'en'} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t('switchLanguage')}
        </button>
        {session && (
          <>
            <span className="user">{session.user.username}</span>
            <button type="button" className="link" onClick={() => void logout().then(signedOut, (err: unknown) => (console.error('sign-out failed', err), signedOut()))}>
              {t('logout')}
            </button>
          </>
        )}
      </header>
      <main>{session ? <Screen session={session} /> : <LoginScreen onSignedIn={setSession} />}</main>
    </div>
  );
}
