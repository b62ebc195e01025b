// What the global set-up provided, for suites. Under CI=true a suite that needs
// a service never skips: a missing one fails the run. Elsewhere it skips with a
// line saying why.
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A MongoDB-compatible server (FerretDB started by the set-up, or MONGODB_URI). */
    mongodbUri: string | undefined;
    redisUrl: string | undefined;
  }
}

export function underCi(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci === 'true' || ci === '1';
}

export const mongoUri = (): string | undefined => inject('mongodbUri');
export const redisUrl = (): string | undefined => inject('redisUrl');

/**
 * Whether a suite that needs `name` can run, for `describe.runIf(...)`.
 * Under CI a missing service throws instead of skipping.
 */
export function requireService(name: string, value: string | undefined): value is string {
  if (value !== undefined) return true;
  if (underCi()) throw new Error(`${name} is required under CI=true but the test set-up found none`);
  console.warn(`[skip] ${name} is not available; its suites are skipped (run .ci/run to test everything)`);
  return false;
}
