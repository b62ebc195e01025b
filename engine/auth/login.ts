// Password (and second-factor) sign-in with per-user and per-IP lockout. Every
// failure is counted, audited, and answered more slowly than the one before.
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/index';
import { AppError } from '../errors';
import { renderMessage, type MessageKey } from '../messages/index';
import { USERS_COLLECTION, type UserDoc } from '../users/index';
import { assertNotLocked, countFailure } from './attempts';
import { clearFailures, userKey } from './lockout';
import { hashPassword, verifyPassword } from '../credentials/index';
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

export async function login(app: FastifyInstance, input: LoginInput): Promise<LoginResult> {
  const { store } = app;
  const { now } = app.authContext;
  await assertNotLocked(app, { username: input.username, ip: input.ip, action: 'auth.login_blocked' });

  const user = await store.collection<UserDoc>(USERS_COLLECTION).findOne({ username: input.username });
  const passwordOk = user
    ? await verifyPassword(input.password, user.passwordHash)
    : (await verifyPassword(input.password, await getDummyHash()), false);

  const fail = async (reason: string, key: MessageKey = 'UNAUTHORIZED.wrong_credentials'): Promise<never> => {
    const actor = user ? { id: user._id, username: user.username } : null;
    await countFailure(app, { username: input.username, ip: input.ip, actor, action: 'auth.login_failed', reason });
    throw new AppError('UNAUTHORIZED', renderMessage(key, 'en'), { key });
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
    throw new AppError('UNAUTHORIZED', 'This account is disabled; ask an administrator.', {
      key: 'UNAUTHORIZED.login_disabled',
    });
  }
  if (user.totp) {
    if (input.totp) {
      if (!(await checkTotpCode(store, user, input.totp, now(), app.totpBox)))
        return fail('wrong_totp', 'UNAUTHORIZED.wrong_totp');
    } else if (input.recoveryCode) {
      if (!(await useRecoveryCode(store, user, input.recoveryCode, now())))
        return fail('wrong_recovery_code', 'UNAUTHORIZED.wrong_recovery_code');
    } else {
      // Not a failure: the client learns it must ask for the second factor.
      throw new AppError(
        'UNAUTHORIZED',
        'This account uses two-factor sign-in: send "totp" (the 6-digit code) or a "recoveryCode".',
        { key: 'UNAUTHORIZED.totp_required', extra: { totpRequired: true } },
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
