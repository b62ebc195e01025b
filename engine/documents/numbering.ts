// Document numbers from a definition pattern such as `SO-{YYYY}{MM}{DD}-{seq:4}`.
// The sequence restarts every period the pattern names (a day here); its counter
// is one document per (type, period) bumped with an atomic upserting $inc, so two
// concurrent creates never get the same value. Numbers are gap-tolerant: a create
// that fails after taking a number leaves a gap, never a duplicate.
import { AppError, DuplicateKeyError } from '../errors';
import type { Store, StoredDoc } from '../store/index';

export const COUNTERS_COLLECTION = 'counters';

interface CounterDoc extends StoredDoc {
  seq: number;
}

const TOKEN = /\{(YYYY|YY|MM|DD|seq(?::(\d+))?)\}/g;

interface DateParts {
  YYYY: string;
  YY: string;
  MM: string;
  DD: string;
}

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

interface ZoneClock {
  format: Intl.DateTimeFormat;
  /** The last whole second asked for, and its parts: creates under load ask for the same second many times. */
  second: number;
  parts: DateParts | null;
}
const clocks = new Map<string, ZoneClock>();

/** Calendar parts in the definition's time zone (the shop's clock, not the server's). */
function dateParts(now: Date, timeZone: string): DateParts {
  let clock = clocks.get(timeZone);
  if (!clock) {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    clock = { format, second: Number.NaN, parts: null };
    clocks.set(timeZone, clock);
  }
  // No time zone moves its clock by less than a second, so one second has one date.
  const second = Math.floor(now.getTime() / 1000);
  if (clock.parts && clock.second === second) return clock.parts;
  const parts = Object.fromEntries(clock.format.formatToParts(now).map((p) => [p.type, p.value]));
  clock.parts = { YYYY: parts.year, YY: parts.year.slice(2), MM: parts.month, DD: parts.day };
  clock.second = second;
  return clock.parts;
}

/** The period key is the date tokens the pattern uses, e.g. `20261122` for {YYYY}{MM}{DD}; '' means one sequence forever. */
export function periodKey(pattern: string, now: Date, timeZone = DEFAULT_TIMEZONE): string {
  const parts = dateParts(now, timeZone);
  let key = '';
  for (const match of pattern.matchAll(TOKEN)) {
    const token = match[1] as keyof DateParts;
    if (token in parts) key += parts[token];
  }
  return key;
}

export function formatNumber(pattern: string, now: Date, seq: number, timeZone = DEFAULT_TIMEZONE): string {
  const parts = dateParts(now, timeZone);
  return pattern.replace(TOKEN, (_m, token: string, width: string | undefined) => {
    if (token.startsWith('seq')) return String(seq).padStart(width ? Number(width) : 1, '0');
    return parts[token as keyof DateParts];
  });
}

async function nextSeq(store: Store, counterId: string): Promise<number> {
  const counters = store.collection<CounterDoc>(COUNTERS_COLLECTION);
  // Two first-of-the-period upserts can race on MongoDB: one inserts, the other
  // gets a duplicate key and simply retries as a plain increment.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const counter = await counters.findOneAndUpdate({ _id: counterId }, { $inc: { seq: 1 } }, { upsert: true });
      if (counter) return counter.seq;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
  throw new AppError('INTERNAL', `could not advance counter ${counterId}`);
}

/** Takes the next number for a document of `type`. */
export async function takeNumber(
  store: Store,
  options: { type: string; pattern: string; now: Date; timeZone?: string },
): Promise<string> {
  const timeZone = options.timeZone ?? DEFAULT_TIMEZONE;
  const period = periodKey(options.pattern, options.now, timeZone);
  const seq = await nextSeq(store, period ? `${options.type}:${period}` : options.type);
  return formatNumber(options.pattern, options.now, seq, timeZone);
}
