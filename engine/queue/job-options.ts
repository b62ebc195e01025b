// Option checks and defaults shared by both queue adapters, so a job that one
// adapter accepts the other accepts too.
import { CronExpressionParser } from 'cron-parser';
import { UnrecoverableJobError, type JobOptions, type RepeatOptions } from './types';

export const jobDefaults = { attempts: 3, backoffMs: 1000 } as const;

export interface ResolvedJobOptions {
  jobId?: string;
  delay: number;
  attempts: number;
  backoffMs: number;
}

/**
 * BullMQ rejects custom ids that are integers or contain ':' (its own
 * `repeat:KEY:TIME` ids use the colon), so both adapters refuse them alike.
 */
export function checkId(kind: 'jobId' | 'repeat key', id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
    throw new RangeError(`${kind} must be a string of 1 to 200 characters`);
  }
  if (id.includes(':')) throw new RangeError(`${kind} must not contain ':' (${id})`);
  if (String(parseInt(id, 10)) === id) throw new RangeError(`${kind} must not be an integer (${id})`);
}

export function resolveJobOptions(options: JobOptions = {}): ResolvedJobOptions {
  if (options.jobId !== undefined) checkId('jobId', options.jobId);
  const delay = options.delay ?? 0;
  const attempts = options.attempts ?? jobDefaults.attempts;
  const backoffMs = options.backoffMs ?? jobDefaults.backoffMs;
  if (!Number.isFinite(delay) || delay < 0) throw new RangeError(`delay must be >= 0 ms (${delay})`);
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new RangeError(`attempts must be an integer >= 1 (${attempts})`);
  if (!Number.isFinite(backoffMs) || backoffMs < 0) throw new RangeError(`backoffMs must be >= 0 (${backoffMs})`);
  return { jobId: options.jobId, delay, attempts, backoffMs };
}

/** Checks a schedule before it is stored, so a bad cron pattern fails at registration, not at 3 a.m. */
export function checkRepeatOptions(options: RepeatOptions): void {
  checkId('repeat key', options.key);
  if ((options.cron === undefined) === (options.everyMs === undefined)) {
    throw new RangeError(`repeat ${options.key}: give exactly one of cron or everyMs`);
  }
  if (options.everyMs !== undefined && (!Number.isInteger(options.everyMs) || options.everyMs < 1)) {
    throw new RangeError(`repeat ${options.key}: everyMs must be a positive integer (${options.everyMs})`);
  }
  if (options.cron !== undefined) {
    try {
      CronExpressionParser.parse(options.cron);
    } catch (err) {
      throw new RangeError(`repeat ${options.key}: invalid cron pattern "${options.cron}": ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
}

/** Retry n (1-based) waits base × 2^(n-1). */
export const backoffDelay = (backoffMs: number, attemptsMade: number): number => backoffMs * 2 ** (attemptsMade - 1);

/** By name too, in case two copies of the port module are loaded (tsx and vitest can do that). */
export function isUnrecoverable(err: unknown): boolean {
  return err instanceof UnrecoverableJobError || (err instanceof Error && err.name === 'UnrecoverableJobError');
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
