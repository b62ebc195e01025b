// Settings the auth services share. Tests inject the clock (to step past lockout
// windows and token lifetimes) and the sleep used to slow failed logins.
export interface LockoutPolicy {
  /** Failures per username within `windowMs` before the username is locked. */
  maxFailuresPerUser: number;
  /** Failures per client IP within `windowMs` before the IP is locked. */
  maxFailuresPerIp: number;
  windowMs: number;
  lockMs: number;
  /** Delay added to the answer after the n-th consecutive failure. */
  delayMs(failures: number): number;
}

export interface AuthOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  lockout?: Partial<LockoutPolicy>;
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
}

export interface AuthContext {
  now(): Date;
  sleep(ms: number): Promise<void>;
  lockout: LockoutPolicy;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export const defaultLockoutPolicy: LockoutPolicy = {
  maxFailuresPerUser: 5,
  // Higher than per user: a shop's staff often share one public IP.
  maxFailuresPerIp: 20,
  windowMs: FIFTEEN_MINUTES,
  lockMs: FIFTEEN_MINUTES,
  delayMs: (failures) => Math.min(250 * 2 ** (failures - 1), 2000),
};

export function authContextFrom(options: AuthOptions = {}): AuthContext {
  return {
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    lockout: { ...defaultLockoutPolicy, ...options.lockout },
    accessTokenTtlSec: options.accessTokenTtlSec ?? 15 * 60,
    refreshTokenTtlSec: options.refreshTokenTtlSec ?? 7 * 24 * 60 * 60,
  };
}
