// Period close: once an admin closes a month, nothing posts into it — a posting
// dated in it is refused with 422 naming the period, before anything changes.
// Reopening is allowed (corrections happen) but audited, like the close.
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import type { Store, StoredDoc } from '../store/index';

export const PERIODS = 'finance_periods';
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface PeriodDoc extends StoredDoc {
  closed: boolean;
  closedBy?: string;
  closedAt?: Date;
  reopenedBy?: string;
  reopenedAt?: Date;
}

export const periodOf = (date: string): string => date.slice(0, 7);
export const isPeriod = (value: string): boolean => PERIOD.test(value);

export const periods = (store: Store) => store.collection<PeriodDoc>(PERIODS);

export async function isClosed(store: Store, period: string): Promise<boolean> {
  return (await periods(store).findById(period))?.closed === true;
}

/** Refuses a posting dated in a closed period. */
export async function assertPeriodOpen(store: Store, date: string): Promise<void> {
  const period = periodOf(date);
  if (await isClosed(store, period)) {
    throw new AppError('RULE_FAILED', `Period ${period} is closed; nothing can be posted into it`, {
      key: 'RULE_FAILED.period_closed',
      params: { period },
      errors: [fieldError('/period', 'RULE_FAILED.period_is_closed', { period })],
      extra: { period },
    });
  }
}

export async function setPeriodClosed(store: Store, period: string, closed: boolean, by: string): Promise<PeriodDoc> {
  const now = new Date();
  const $set: Record<string, unknown> = closed
    ? { closed: true, closedBy: by, closedAt: now }
    : { closed: false, reopenedBy: by, reopenedAt: now };
  const updated = await periods(store).findOneAndUpdate({ _id: period }, { $set }, { upsert: true });
  return updated ?? { _id: period, closed };
}
