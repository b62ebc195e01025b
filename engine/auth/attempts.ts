// Password checks share one lockout: a wrong password at sign-in and a wrong
// `currentPassword` on a password change both count against the username from
// that address, so a stolen session cannot be used to guess the password at
// leisure (issue 10, finding 9). Every failure is audited and slowed down.
import type { FastifyInstance } from 'fastify';
import { recordAudit, type AuditActor } from '../audit/index';
import { AppError } from '../errors';
import { activeLock, ipKey, nameKey, recordFailure, userKey, type LockKey } from './lockout';

/** The counters a password attempt on `username` from `ip` draws on. */
export const attemptKeys = (username: string, ip: string): LockKey[] => [
  userKey(username, ip),
  ipKey(ip),
  nameKey(username),
];

/** 429 with the time the lock lifts; the route copies `retryAfter` into Retry-After. */
function lockedError(key: string, until: Date, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const who = key.startsWith('user:') ? 'this account from this address' : 'this network address';
  return new AppError(
    'RATE_LIMITED',
    `Too many failed sign-in attempts for ${who}; try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
    {
      extra: { retryAfter },
      key: 'RATE_LIMITED.sign_in_locked',
      params: {
        who: key.startsWith('user:')
          ? { 'zh-CN': '此账号在此地址', en: 'this account from this address' }
          : { 'zh-CN': '此网络地址', en: 'this network address' },
        minutes: Math.ceil(retryAfter / 60),
      },
    },
  );
}

/** Refuses (429) while any of the attempt's counters is locked; audits the refusal as `action`. */
export async function assertNotLocked(
  app: FastifyInstance,
  input: { username: string; ip: string; action: string },
): Promise<void> {
  const { now, lockout } = app.authContext;
  const at = now();
  const lock = await activeLock(app.store, attemptKeys(input.username, input.ip), at, lockout);
  if (!lock) return;
  await recordAudit(
    app.store,
    { action: input.action, ip: input.ip, subject: input.username, details: { lock: lock.key } },
    at,
  );
  throw lockedError(lock.key, lock.until, at);
}

/** Counts one failed password attempt: audits it (and any lock it sets) and waits the slow-down. */
export async function countFailure(
  app: FastifyInstance,
  input: { username: string; ip: string; actor: AuditActor | null; action: string; reason: string },
): Promise<void> {
  const { store } = app;
  const { now, lockout, sleep } = app.authContext;
  const at = now();
  const outcome = await recordFailure(store, attemptKeys(input.username, input.ip), at, lockout, input.username);
  await recordAudit(
    store,
    {
      action: input.action,
      actor: input.actor,
      ip: input.ip,
      subject: input.username,
      details: { reason: input.reason, failures: outcome.failures },
    },
    at,
  );
  for (const locked of outcome.newlyLocked) {
    await recordAudit(
      store,
      {
        action: 'auth.lockout',
        actor: input.actor,
        ip: input.ip,
        // The lock is per username and address; the audit trail names the account, the address is in `ip`.
        subject: locked.key.startsWith('user:') ? `user:${input.username}` : locked.key,
        details: { lock: locked.key, until: locked.until.toISOString() },
      },
      at,
    );
  }
  await sleep(lockout.delayMs(outcome.failures));
}
