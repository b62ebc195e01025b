// A budget of not-found answers per signed-in user. The rate-limit plugin counts
// requests as they arrive; this counts 404 *answers*, so routes that exist but find
// nothing (a guessed document id) are covered too. Once a user is over budget every
// request they send is refused until the window ends: refusing only the would-be
// 404s would turn 429 into the same oracle. Kept in memory per process, like the
// rate-limit plugin's own counters.
export interface NotFoundBudget {
  /** Seconds until `key` may be answered again; 0 while within budget. */
  blockedFor(key: string): number;
  /** Counts one not-found answer for `key`. */
  spend(key: string): void;
}

const PRUNE_ABOVE = 10_000;

export function createNotFoundBudget(
  settings: { max: number; timeWindowMs: number },
  now: () => number = Date.now,
): NotFoundBudget {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const prune = (at: number) => {
    for (const [key, w] of windows) if (w.resetAt <= at) windows.delete(key);
  };
  return {
    blockedFor(key) {
      const w = windows.get(key);
      const at = now();
      if (!w || w.resetAt <= at || w.count < settings.max) return 0;
      return Math.max(1, Math.ceil((w.resetAt - at) / 1000));
    },
    spend(key) {
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
