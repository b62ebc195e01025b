// The login session lives in sessionStorage: it ends with the browser tab, so a
// shared shop PC does not keep staff signed in after they close it.
import type { Session } from './types';

const KEY = 'jxc.session';

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch (err) {
    console.warn('discarding an unreadable session', err);
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}
