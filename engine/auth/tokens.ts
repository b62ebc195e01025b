// Sessions: a short-lived signed access token plus a refresh token. Refresh tokens
// are stored only as sha256 hashes (they are 256-bit random, so a fast hash is
// enough) and rotate on every use; presenting a used one again ends the session,
// because it means the token was copied. Ending a session (logout, a reused
// refresh token) puts the session id on a revocation list that app.authenticate
// checks on every request, so every access token the session was given stops at
// once, not only the one presented (issue 10, finding 9).
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { REFRESH_TOKENS } from '../credentials/index';
import { AppError } from '../errors';
import { newId, type Store, type StoredDoc } from '../store/index';
import type { UserDoc } from '../users/index';
import type { AccessClaims } from './plugin';

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

/** Revocation entries: `jti` for one access token, `sid:<session>` for every access token of a session. */
const sessionEntry = (sessionId: string) => `sid:${sessionId}`;

export async function isRevoked(store: Store, claims: Pick<AccessClaims, 'jti' | 'sid'>): Promise<boolean> {
  const ids = typeof claims.sid === 'string' ? [claims.jti, sessionEntry(claims.sid)] : [claims.jti];
  const revoked = store.collection<RevokedTokenDoc>(REVOKED_TOKENS);
  if (!store.readThrough) return (await revoked.findOne({ _id: { $in: ids } })) !== null;
  // Where only this process writes the store, the whole list is kept until it is next
  // written (a logout, a reused refresh token): every request checks it, and it holds
  // only entries younger than the longest access token, so it stays small.
  const entries = await store.readThrough(REVOKED_TOKENS, 'all', async () => {
    const docs = await revoked.find({}, { projection: { _id: 1 } });
    return new Set(docs.map((doc) => doc._id));
  });
  return ids.some((id) => entries.has(id));
}

/**
 * Ends a session: its refresh tokens go and its access tokens stop working. The
 * entry lives as long as the longest access token the session can still hold.
 */
export async function endSession(app: FastifyInstance, sessionId: string): Promise<void> {
  const at = app.authContext.now();
  const revoked = app.store.collection<RevokedTokenDoc>(REVOKED_TOKENS);
  await revoked.updateOne(
    { _id: sessionEntry(sessionId) },
    { $setOnInsert: { expiresAt: new Date(at.getTime() + app.authContext.accessTokenTtlSec * 1000) } },
    { upsert: true },
  );
  await app.store.collection<RefreshTokenDoc>(REFRESH_TOKENS).deleteMany({ sessionId });
  // Housekeeping: entries for tokens that have expired anyway are dead weight.
  await revoked.deleteMany({ expiresAt: { $lt: at } });
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
  new AppError('UNAUTHORIZED', 'The refresh token is invalid or expired; log in again.', {
    key: 'UNAUTHORIZED.refresh_invalid',
  });

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
    await endSession(app, used.sessionId);
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

/** Logout: every access token of the caller's session stops working now, and its refresh tokens are deleted. */
export async function revokeSession(app: FastifyInstance, claims: AccessClaims): Promise<void> {
  await endSession(app, claims.sid);
}
