// Sessions: a short-lived signed access token plus a refresh token. Refresh tokens
// are stored only as sha256 hashes (they are 256-bit random, so a fast hash is
// enough) and rotate on every use; presenting a used one again ends the session,
// because it means the token was copied. Logout puts the access token's jti on a
// revocation list that app.authenticate checks on every request.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';
import { newId, type Store, type StoredDoc } from '../store/index';
import type { UserDoc } from '../users/index';
import type { AccessClaims } from './plugin';

export const REFRESH_TOKENS = 'refresh_tokens';
export const REVOKED_TOKENS = 'revoked_tokens';

interface RefreshTokenDoc extends StoredDoc {
  tokenHash: string;
  userId: string;
  sessionId: string;
  generation: number;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

interface RevokedTokenDoc extends StoredDoc {
  /** When the token would have expired anyway; the entry can go after that. */
  expiresAt: Date;
}

export interface IssuedSession {
  token: string;
  refreshToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export async function ensureTokenIndexes(store: Store): Promise<void> {
  const refresh = store.collection<RefreshTokenDoc>(REFRESH_TOKENS);
  await refresh.createIndex({ name: 'token_hash_unique', keys: { tokenHash: 1 }, unique: true });
  await refresh.createIndex({ name: 'session', keys: { sessionId: 1 } });
}

export async function isRevoked(store: Store, jti: string): Promise<boolean> {
  return (await store.collection<RevokedTokenDoc>(REVOKED_TOKENS).findById(jti)) !== null;
}

/** Signs an access token and stores a new refresh token in `sessionId` (new session when omitted). */
export async function issueSession(
  app: FastifyInstance,
  user: UserDoc,
  sessionId: string = newId(),
): Promise<IssuedSession> {
  const { now, accessTokenTtlSec, refreshTokenTtlSec } = app.authContext;
  const at = now();
  const iat = Math.floor(at.getTime() / 1000);
  const generation = user.tokenGeneration ?? 0;
  const claims: AccessClaims = {
    sub: user._id,
    username: user.username,
    roles: user.roles,
    jti: newId(),
    sid: sessionId,
    gen: generation,
    typ: 'access',
    iat,
    exp: iat + accessTokenTtlSec,
  };
  const token = app.jwt.sign(claims);
  const refreshToken = randomBytes(32).toString('base64url');
  await app.store.collection<RefreshTokenDoc>(REFRESH_TOKENS).insertOne({
    _id: newId(),
    tokenHash: sha256(refreshToken),
    userId: user._id,
    sessionId,
    generation,
    createdAt: at,
    expiresAt: new Date(at.getTime() + refreshTokenTtlSec * 1000),
    usedAt: null,
  });
  return { token, refreshToken, expiresIn: accessTokenTtlSec };
}

export const invalidRefresh = () =>
  new AppError('UNAUTHORIZED', 'The refresh token is invalid or expired; log in again.');

/**
 * Spends a refresh token: marks it used (atomically, so two concurrent refreshes
 * cannot both win) and returns the session and user it belongs to.
 */
export async function spendRefreshToken(
  app: FastifyInstance,
  refreshToken: string,
): Promise<{ sessionId: string; userId: string; generation: number; reused: boolean }> {
  const refresh = app.store.collection<RefreshTokenDoc>(REFRESH_TOKENS);
  const at = app.authContext.now();
  const tokenHash = sha256(refreshToken);
  const spent = await refresh.findOneAndUpdate({ tokenHash, usedAt: null }, { $set: { usedAt: at } });
  if (!spent) {
    const used = await refresh.findOne({ tokenHash });
    if (!used) throw invalidRefresh();
    // A used token came back: whoever holds the session's tokens, end it.
    await refresh.deleteMany({ sessionId: used.sessionId });
    return { sessionId: used.sessionId, userId: used.userId, generation: used.generation, reused: true };
  }
  if (new Date(spent.expiresAt).getTime() <= at.getTime()) {
    await refresh.deleteMany({ sessionId: spent.sessionId });
    throw invalidRefresh();
  }
  // Keep only the token just spent (for reuse detection); older spent ones go.
  await refresh.deleteMany({ sessionId: spent.sessionId, usedAt: { $ne: null }, _id: { $ne: spent._id } });
  return { sessionId: spent.sessionId, userId: spent.userId, generation: spent.generation, reused: false };
}

/** Logout: the access token stops working now, and its session's refresh tokens are deleted. */
export async function revokeSession(app: FastifyInstance, claims: AccessClaims): Promise<void> {
  const at = app.authContext.now();
  await app.store
    .collection<RevokedTokenDoc>(REVOKED_TOKENS)
    .updateOne({ _id: claims.jti }, { $setOnInsert: { expiresAt: new Date(claims.exp * 1000) } }, { upsert: true });
  await app.store.collection<RefreshTokenDoc>(REFRESH_TOKENS).deleteMany({ sessionId: claims.sid });
  // Housekeeping: entries for tokens that have expired anyway are dead weight.
  await app.store.collection<RevokedTokenDoc>(REVOKED_TOKENS).deleteMany({ expiresAt: { $lt: at } });
}

/** Ends every session of a user (password reset, disable). */
export async function deleteUserSessions(store: Store, userId: string): Promise<void> {
  await store.collection<RefreshTokenDoc>(REFRESH_TOKENS).deleteMany({ userId });
}
