// fetch against the engine's API: bearer token, Accept-Language from the UI
// language (guard messages come back in it), problem+json turned into ApiError,
// and one silent refresh when the 15-minute access token has expired.
import { loadSession, saveSession } from './session';
import type { FieldError, Locale, Session } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let locale: Locale = 'zh-CN';
let onSignedOut: () => void = () => undefined;
let refreshing: Promise<boolean> | null = null;

export function configureClient(options: { locale: Locale; onSignedOut: () => void }): void {
  locale = options.locale;
  onSignedOut = options.onSignedOut;
}

async function toError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { detail?: string; title?: string; errors?: FieldError[] };
    return new ApiError(res.status, body.detail ?? body.title ?? res.statusText, Array.isArray(body.errors) ? body.errors : []);
  } catch {
    return new ApiError(res.status, text || res.statusText);
  }
}

function send(method: string, url: string, body: unknown, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Refresh tokens are single-use, so concurrent 401s share one refresh. */
function refreshSession(session: Session): Promise<boolean> {
  refreshing ??= (async () => {
    const res = await send('POST', '/api/auth/refresh', { refreshToken: session.refreshToken }, undefined);
    if (!res.ok) return false;
    const next = (await res.json()) as Session;
    saveSession({ token: next.token, refreshToken: next.refreshToken, user: next.user });
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const session = loadSession();
  let res = await send(method, url, body, session?.token);
  if (res.status === 401 && session && (await refreshSession(session))) {
    res = await send(method, url, body, loadSession()?.token);
  }
  if (res.status === 401 && session) {
    saveSession(null);
    onSignedOut();
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Revokes the session on the server; the local copy is dropped even if that fails. */
export async function logout(): Promise<void> {
  try {
    if (loadSession()) await api<void>('POST', '/api/auth/logout', {});
  } finally {
    saveSession(null);
  }
}

export async function login(username: string, password: string): Promise<Session> {
  const res = await send('POST', '/api/auth/login', { username, password }, undefined);
  if (!res.ok) throw await toError(res);
  const body = (await res.json()) as Session;
  const session = { token: body.token, refreshToken: body.refreshToken, user: body.user };
  saveSession(session);
  return session;
}
