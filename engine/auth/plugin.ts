// The 'auth' plugin: signs and verifies access tokens (@fastify/jwt) and gives every
// route `app.authenticate`. A token is accepted only when its signature and expiry
// hold, it was not revoked by logout, and its user still exists, is enabled and has
// not had the password reset since the token was issued.
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { USERS_COLLECTION, type UserDoc } from '../users/index';
import { authContextFrom, type AuthContext, type AuthOptions } from './context';
import { resolveJwtSecret, resolveStoredSecret } from './jwt-secret';
import { createSecretBox, type SecretBox } from './secret-box';
import { ensureTokenIndexes, isRevoked } from './tokens';
import { sealPlainTotpSecrets } from './totp';

const TOTP_KEY_ID = 'totp_key';

export interface AuthUser {
  id: string;
  username: string;
  roles: string[];
}

/** Claims of an access token. `gen` is the user's token generation when it was issued. */
export interface AccessClaims {
  sub: string;
  username: string;
  roles: string[];
  jti: string;
  /** Session id: links the access token to its refresh-token family. */
  sid: string;
  gen: number;
  typ: 'access';
  iat: number;
  exp: number;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AuthUser;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: onRequestAsyncHookHandler;
    authContext: AuthContext;
    /** Seals TOTP secrets at rest (secret-box.ts). */
    totpBox: SecretBox;
  }
  interface FastifyRequest {
    /** Claims of the verified access token (set by app.authenticate). */
    tokenClaims?: AccessClaims;
  }
}

export interface AuthPluginOptions extends AuthOptions {
  jwtSecret?: string;
  /** TOTP_ENCRYPTION_KEY; when unset a key is generated once and kept in the store. */
  totpKey?: string;
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match)
    throw new AppError('UNAUTHORIZED', 'Send "Authorization: Bearer <token>"; get a token from POST /api/auth/login.', {
      key: 'UNAUTHORIZED.bearer_missing',
    });
  return match[1];
}

/**
 * `realClock`: the engine runs on the real clock (no `now` option), so the verifier
 * made once at registration checks expiry against Date.now() itself. Passing any
 * verify option makes @fastify/jwt build a new verifier for that one call, which
 * was the largest single cost of an authenticated request.
 */
function verifyAccessToken(app: FastifyInstance, token: string, realClock: boolean): AccessClaims {
  let claims: AccessClaims;
  try {
    claims = realClock
      ? app.jwt.verify<AccessClaims>(token)
      : app.jwt.verify<AccessClaims>(token, { clockTimestamp: app.authContext.now().getTime() });
  } catch (err) {
    if ((err as { code?: string }).code === 'FAST_JWT_EXPIRED') {
      throw new AppError(
        'UNAUTHORIZED',
        'The access token has expired; renew it with POST /api/auth/refresh or log in again.',
        { key: 'UNAUTHORIZED.token_expired' },
      );
    }
    throw new AppError('UNAUTHORIZED', 'The access token is invalid.', { key: 'UNAUTHORIZED.token_invalid' });
  }
  if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') {
    throw new AppError('UNAUTHORIZED', 'The access token is invalid.', { key: 'UNAUTHORIZED.token_invalid' });
  }
  return claims;
}

async function registerAuth(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const secret = await resolveJwtSecret(app.store, options.jwtSecret);
  await app.register(fastifyJwt, {
    secret,
    sign: { algorithm: 'HS256' },
    // Verified tokens are kept (up to 1,000, each until its own expiry): a repeat
    // skips decoding and checking the claims again. Revocation, the account and its
    // password generation are still checked on every request (authenticate below).
    verify: { algorithms: ['HS256'], cache: true },
  });
  app.decorate('authContext', authContextFrom(options));
  const totpBox = createSecretBox(await resolveStoredSecret(app.store, TOTP_KEY_ID, options.totpKey), 'totp-secret');
  app.decorate('totpBox', totpBox);
  await sealPlainTotpSecrets(app.store, totpBox);
  await ensureTokenIndexes(app.store);
  const users = app.store.collection<UserDoc>(USERS_COLLECTION);
  const { store } = app;
  // Where only this process writes the store, a user is kept until `users` is next
  // written, so a disable, a role change or a password reset still applies to the
  // very next request. The kept document is shared: nothing below changes it.
  const readUser = (id: string): Promise<UserDoc | null> =>
    store.readThrough ? store.readThrough(USERS_COLLECTION, `id:${id}`, () => users.findById(id)) : users.findById(id);

  const realClock = options.now === undefined;
  const authenticate: onRequestAsyncHookHandler = async (request) => {
    const claims = verifyAccessToken(app, bearerToken(request), realClock);
    if (await isRevoked(app.store, claims)) {
      throw new AppError('UNAUTHORIZED', 'The access token was revoked (logged out); log in again.', {
        key: 'UNAUTHORIZED.token_revoked',
      });
    }
    const user = await readUser(claims.sub);
    if (!user)
      throw new AppError('UNAUTHORIZED', 'The account no longer exists.', { key: 'UNAUTHORIZED.account_gone' });
    if (user.disabled)
      throw new AppError('UNAUTHORIZED', 'The account is disabled.', { key: 'UNAUTHORIZED.account_disabled' });
    if ((user.tokenGeneration ?? 0) !== claims.gen) {
      throw new AppError('UNAUTHORIZED', 'The password was reset since this token was issued; log in again.', {
        key: 'UNAUTHORIZED.password_reset_since',
      });
    }
    // Roles come from the store, not the token, so a role change applies at once.
    request.user = { id: user._id, username: user.username, roles: [...user.roles] };
    request.tokenClaims = claims;
  };
  app.decorate('authenticate', authenticate);
}

export const authPlugin = fp(registerAuth, { name: 'auth', dependencies: ['store'], fastify: '5.x' });

// requireRole lives in engine/http (an HTTP concern, and so audit's routes need not import auth).
export { requireRole } from '../http/index';
