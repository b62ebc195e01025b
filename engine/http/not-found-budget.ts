// A budget of not-found answers per signed-in user. The rate-limit plugin counts
// requests as they arrive; this counts 404 *answers*, so routes that exist but find
// nothing (a guessed document id) are covered too. Once a user is over budget every
// request they send is refused until the window ends: refusing only the would-be
// 404s would turn 429 into the same oracle. Kept where the rate-limit plugin keeps
// its counters: in Redis with REDIS_URL (one budget across every engine, so a
// second engine is no way around it), else in memory per process.
import type { SharedLimitStore } from './shared-limits';

export interface NotFoundBudget {
  /** Seconds until `key` may be answered again; 0 while within budget. */
  blockedFor(key: string): Promise<number>;
  /** Counts one not-found answer for `key`. */
  spend(key: string): Promise<void>;
}

interface BudgetSettings {
  max: number;
  timeWindowMs: number;
}

const PRUNE_ABOVE = 10_000;

export function createNotFoundBudget(settings: BudgetSettings, now: () => number = Date.now): NotFoundBudget {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const prune = (at: number) => {
    for (const [key, w] of windows) if (w.resetAt <= at) windows.delete(key);
  };
  return {
    async blockedFor(key) {
      const w = windows.get(key);
      const at = now();
      if (!w || w.resetAt <= at || w.count < settings.max) return 0;
      return Math.max(1, Math.ceil((w.resetAt - at) / 1000));
    },
    async spend(key) {
      const at = now();
      const w = windows.get(key);
      if (w && w.resetAt > at) {
        w.count += 1;
        return;
      }
      if (windows.size >= PRUNE_ABOVE) prune(at);
      windows.set(key, { count: 1, resetAt: at + settings.timeWindowMs });
    },
  };
}

/**
 * The same budget in Redis, one key per user under the deployment's namespace. The
 * window starts with the first miss (SET … PX NX) and the count rides on it (INCR
 * keeps the expiry). While Redis is away the budget neither counts nor refuses,
 * like the rate limits (skipOnError): a request is never failed for it.
 */
export function createSharedNotFoundBudget(settings: BudgetSettings, shared: SharedLimitStore): NotFoundBudget {
  const { redis, nameSpace } = shared;
  const keyOf = (key: string) => `${nameSpace}404-budget:${key}`;
  return {
    async blockedFor(key) {
      try {
        const [[, count], [, ttl]] = (await redis.multi().get(keyOf(key)).pttl(keyOf(key)).exec()) as [
          [Error | null, string | null],
          [Error | null, number],
        ];
        if (count === null || Number(count) < settings.max || ttl <= 0) return 0;
        return Math.max(1, Math.ceil(ttl / 1000));
      } catch {
        return 0;
      }
    },
    async spend(key) {
      try {
        await redis.multi().set(keyOf(key), 0, 'PX', settings.timeWindowMs, 'NX').incr(keyOf(key)).exec();
      } catch {
        // Redis away: not counted (see above).
      }
    },
  };
}
