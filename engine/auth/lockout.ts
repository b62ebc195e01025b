// Failed-login counters, per username and per client IP, kept in the store so every
// replica sees them. Counting happens whether or not the username exists, so the
// lockout itself reveals nothing about which accounts are real.
import type { Store, StoredDoc } from '../store/index';
import type { LockoutPolicy } from './context';

export const LOGIN_FAILURES = 'login_failures';

interface FailureDoc extends StoredDoc {
  count: number;
  firstAt: Date;
  lockedUntil: Date | null;
}

export type LockKey = `user:${string}` | `ip:${string}`;

export const userKey = (username: string): LockKey => `user:${username}`;
export const ipKey = (ip: string): LockKey => `ip:${ip}`;

const limitFor = (key: LockKey, policy: LockoutPolicy) =>
  key.startsWith('user:') ? policy.maxFailuresPerUser : policy.maxFailuresPerIp;

/** The first active lock among `keys`, or null. Expired counters are cleared on the way. */
export async function activeLock(store: Store, keys: LockKey[], now: Date, policy: LockoutPolicy): Promise<{ key: LockKey; until: Date } | null> {
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

export async function recordFailure(store: Store, keys: LockKey[], now: Date, policy: LockoutPolicy): Promise<FailureOutcome> {
  const failures = store.collection<FailureDoc>(LOGIN_FAILURES);
  const outcome: FailureOutcome = { failures: 0, newlyLocked: [] };
  for (const key of keys) {
    const doc = await failures.findOneAndUpdate(
      { _id: key },
      { $inc: { count: 1 }, $setOnInsert: { firstAt: now, lockedUntil: null } },
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
