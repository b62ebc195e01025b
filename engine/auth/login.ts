// Password (and second-factor) sign-in with per-user and per-IP lockout. Every
// failure is counted, audited, and answered more slowly than the one before.
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/index';
import { AppError } from '../errors';
import { USERS_COLLECTION, type UserDoc } from '../users/index';
import { activeLock, clearFailures, ipKey, nameKey, recordFailure, userKey } from './lockout';
import { hashPassword, verifyPassword } from './password';
import type { AuthUser } from './plugin';
import { issueSession, type IssuedSession } from './tokens';
import { checkTotpCode, useRecoveryCode } from './totp';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
  ip: string;
}

export interface LoginResult extends IssuedSession {
  user: AuthUser;
}

// Unknown usernames still pay for one scrypt, so response time does not reveal which names exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword('not-a-real-password-just-timing'));

/** 429 with the time the lock lifts; the route copies `retryAfter` into Retry-After. */
function lockedError(key: string, until: Date, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const who = key.startsWith('user:') ? 'this account from this address' : 'this network address';
  return new AppError(
    'RATE_LIMITED',
    `Too many failed sign-in attempts for ${who}; try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
    { extra: { retryAfter } },
  );
}

export async function login(app: FastifyInstance, input: LoginInput): Promise<LoginResult> {
  const { store } = app;
  const { now, lockout, sleep } = app.authContext;
  const keys = [userKey(input.username, input.ip), ipKey(input.ip), nameKey(input.username)];
  const started = now();
  const lock = await activeLock(store, keys, started, lockout);
  if (lock) {
    await recordAudit(
      store,
      { action: 'auth.login_blocked', ip: input.ip, subject: input.username, details: { lock: lock.key } },
      started,
    );
    throw lockedError(lock.key, lock.until, started);
  }

  const user = await store.collection<UserDoc>(USERS_COLLECTION).findOne({ username: input.username });
  const passwordOk = user
    ? await verifyPassword(input.password, user.passwordHash)
    : (await verifyPassword(input.password, await getDummyHash()), false);

  const fail = async (reason: string, message = 'Wrong username or password.'): Promise<never> => {
    const at = now();
    const outcome = await recordFailure(store, keys, at, lockout, input.username);
    const actor = user ? { id: user._id, username: user.username } : null;
    await recordAudit(
      store,
      {
        action: 'auth.login_failed',
        actor,
        ip: input.ip,
        subject: input.username,
        details: { reason, failures: outcome.failures },
      },
      at,
    );
    for (const locked of outcome.newlyLocked) {
      await recordAudit(
        store,
        {
          action: 'auth.lockout',
          actor,
          ip: input.ip,
          // The lock is per username and address; the audit trail names the account, the address is in `ip`.
          subject: locked.key.startsWith('user:') ? `user:${input.username}` : locked.key,
          details: { lock: locked.key, until: locked.until.toISOString() },
        },
        at,
      );
    }
    await sleep(lockout.delayMs(outcome.failures));
    throw new AppError('UNAUTHORIZED', message);
  };

  if (!user || !passwordOk) return fail(user ? 'wrong_password' : 'unknown_user');
  if (user.disabled) {
    await recordAudit(
      store,
      {
        action: 'auth.login_failed',
        actor: { id: user._id, username: user.username },
        ip: input.ip,
        subject: user.username,
        details: { reason: 'disabled' },
      },
      now(),
    );
    throw new AppError('UNAUTHORIZED', 'This account is disabled; ask an administrator.');
  }
  if (user.totp) {
    if (input.totp) {
      if (!(await checkTotpCode(store, user, input.totp, now())))
        return fail('wrong_totp', 'The one-time code is wrong or was already used.');
    } else if (input.recoveryCode) {
      if (!(await useRecoveryCode(store, user, input.recoveryCode, now())))
        return fail('wrong_recovery_code', 'The recovery code is wrong or was already used.');
    } else {
      // Not a failure: the client learns it must ask for the second factor.
      throw new AppError(
        'UNAUTHORIZED',
        'This account uses two-factor sign-in: send "totp" (the 6-digit code) or a "recoveryCode".',
        {
          extra: { totpRequired: true },
        },
      );
    }
  }

  await clearFailures(store, userKey(input.username, input.ip));
  const session = await issueSession(app, user);
  await recordAudit(
    store,
    {
      action: 'auth.login',
      actor: { id: user._id, username: user.username },
      ip: input.ip,
      subject: user.username,
      details: { secondFactor: user.totp ? (input.totp ? 'totp' : 'recovery_code') : 'none' },
    },
    now(),
  );
  return { ...session, user: { id: user._id, username: user.username, roles: user.roles } };
}
