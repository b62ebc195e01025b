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
    /** The problem+json body, for extensions (`field`, `existing`, `current`). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No answer from the server at all (network down, engine stopped): worth retrying. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
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
    return new ApiError(
      res.status,
      body.detail ?? body.title ?? res.statusText,
      Array.isArray(body.errors) ? body.errors : [],
      body,
    );
  } catch {
    return new ApiError(res.status, text || res.statusText);
  }
}

/** A JSON body, or raw bytes with their content type (an .xlsx upload). */
type Body = unknown | { raw: Blob; contentType: string };

const isRaw = (body: Body): body is { raw: Blob; contentType: string } =>
  typeof body === 'object' && body !== null && 'raw' in body && body.raw instanceof Blob;

async function send(method: string, url: string, body: Body, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, */*', 'accept-language': locale };
  let payload: BodyInit | undefined;
  if (isRaw(body)) {
    headers['content-type'] = body.contentType;
    payload = body.raw;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(url, { method, headers, body: payload });
  } catch (err) {
    throw new NetworkError(err);
  }
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

/** The raw answer (a file download), after the same sign-in handling as `api`. */
export async function apiResponse(method: string, url: string, body?: Body): Promise<Response> {
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
  return res;
}

export async function api<T>(method: string, url: string, body?: Body): Promise<T> {
  const res = await apiResponse(method, url, body);
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
