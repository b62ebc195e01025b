// The signed-in user for every screen, and the one place that signs out: caches
// of definitions and reference choices belong to the session and go with it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureClient, logout } from '../api/client';
import { forgetDefinitions } from '../api/definitions';
import { loadSession } from '../api/session';
import type { Session } from '../api/types';
import { forgetRefOptions } from '../form/ref-options';
import { useLocaleControl } from '../i18n/locale';

interface SessionState {
  session: Session | null;
  signedIn(session: Session): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { locale, setUsername } = useLocaleControl();
  const [session, setSession] = useState<Session | null>(loadSession);
  const dropped = useCallback(() => {
    forgetDefinitions();
    forgetRefOptions();
    setSession(null);
  }, []);
  // During render, not in an effect: children's effects run first and already call the API.
  configureClient({ locale, onSignedOut: dropped });
  const username = session?.user.username;
  useEffect(() => setUsername(username), [username, setUsername]);
  const value = useMemo<SessionState>(
    () => ({
      session,
      signedIn: setSession,
      async signOut() {
        try {
          await logout();
        } catch (err) {
          // The local session is gone either way; the server's expires on its own.
          console.error('sign-out failed', err);
        }
        dropped();
      },
    }),
    [session, dropped],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for screens inside the signed-in layout. */
export function useUser(): Session['user'] {
  const { session } = useSession();
  if (!session) throw new Error('useUser while signed out');
  return session.user;
}

/** The signed-in user's roles; none outside the signed-in layout (a designer preview). */
export function useSignedInRoles(): string[] {
  return useContext(SessionContext)?.session?.user.roles ?? [];
}
