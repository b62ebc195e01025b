// Failed-login counters, kept in the store so every replica sees them: per
// username and client address (locks that pair), per address (locks a spray
// across usernames), and per username alone (never locks, only slows every
// attempt on that name down). Locking a username for everyone would let anyone
// lock anyone out, admin included; this way the rightful user signing in from
// their own address keeps a way in (OWASP authentication guidance). Counting
// happens whether or not the username exists, so it reveals nothing about which
// accounts are real.
import { LOGIN_FAILURES } from '../credentials/index';
import type { Store, StoredDoc } from '../store/index';
import type { LockoutPolicy } from './context';

interface FailureDoc extends StoredDoc {
  count: number;
  /** On per-username counters: lets an unlock clear them from every address. */
  username?: string;
  firstAt: Date;
  lockedUntil: Date | null;
}

export type LockKey = `user:${string}` | `ip:${string}` | `name:${string}`;

/** A username tried from one address. */
export const userKey = (username: string, ip: string): LockKey => `user:${username}@${ip}`;
export const ipKey = (ip: string): LockKey => `ip:${ip}`;
/** A username from anywhere: drives the slow-down only. */
export const nameKey = (username: string): LockKey => `name:${username}`;

const limitFor = (key: LockKey, policy: LockoutPolicy) =>
  key.startsWith('user:')
    ? policy.maxFailuresPerUser
    : key.startsWith('ip:')
      ? policy.maxFailuresPerIp
      : Number.POSITIVE_INFINITY;

/** The first active lock among `keys`, or null. Expired counters are cleared on the way. */
export async function activeLock(
  store: Store,
  keys: LockKey[],
  now: Date,
  policy: LockoutPolicy,
): Promise<{ key: LockKey; until: Date } | null> {
  const failures = store.collection<FailureDoc>(LOGIN_FAILURES);
  for (const key of keys) {
    const doc = await failures.findById(key);
    if (!doc) continue;
    if (doc.lockedUntil && new Date(doc.lockedUntil).getTime() > now.getTime()) {
      return { key, until: new Date(doc.lockedUntil) };
    }
    // `!= null`: a store may drop a null seeded by $setOnInsert, leaving the field absent.
    const lockOver = doc.lockedUntil != null;
    const windowOver = new Date(doc.firstAt).getTime() + policy.windowMs <= now.getTime();
    // Matching on count too means a failure recorded meanwhile is not thrown away.
    if (lockOver || windowOver) await failures.deleteOne({ _id: key, count: doc.count });
  }
  return null;
}

export interface FailureOutcome {
  /** Highest consecutive-failure count among the keys (drives the slow-down). */
  failures: number;
  /** Keys that this failure just locked. */
  newlyLocked: Array<{ key: LockKey; until: Date }>;
}

export async function recordFailure(
  store: Store,
  keys: LockKey[],
  now: Date,
  policy: LockoutPolicy,
  username?: string,
): Promise<FailureOutcome> {
  const failures = store.collection<FailureDoc>(LOGIN_FAILURES);
  const outcome: FailureOutcome = { failures: 0, newlyLocked: [] };
  for (const key of keys) {
    const doc = await failures.findOneAndUpdate(
      { _id: key },
      {
        $inc: { count: 1 },
        $setOnInsert: {
          firstAt: now,
          lockedUntil: null,
          ...(username !== undefined && !key.startsWith('ip:') ? { username } : {}),
        },
      },
      { upsert: true },
    );
    if (!doc) continue;
    outcome.failures = Math.max(outcome.failures, doc.count);
    if (doc.count >= limitFor(key, policy) && !doc.lockedUntil) {
      const until = new Date(now.getTime() + policy.lockMs);
      // Only the request that sets the lock reports it, so it is audited once.
      if (await failures.updateOne({ _id: key, lockedUntil: null }, { $set: { lockedUntil: until } })) {
        outcome.newlyLocked.push({ key, until });
      }
    }
  }
  return outcome;
}

/** A successful login clears the username's counter (not the IP's: one good account must not reset a spray). */
export async function clearFailures(store: Store, key: LockKey): Promise<void> {
  await store.collection<FailureDoc>(LOGIN_FAILURES).deleteOne({ _id: key });
}
