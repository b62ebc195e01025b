// Document numbers from a definition pattern such as `SO-{YYYY}{MM}{DD}-{seq:4}`.
// The sequence restarts every period the pattern names (a day here); its counter
// is one document per (type, period) bumped with an atomic upserting $inc, so two
// concurrent creates never get the same value. Numbers are gap-tolerant: a create
// that fails after taking a number leaves a gap, never a duplicate. Where the
// store can (embedded), the number is taken in the document's own write
// (insert-new-document.ts), and a create that fails leaves no gap either.
import { AppError, DuplicateKeyError } from '../errors';
import type { Definition } from '../definitions/index';
import type { Store, StoredDoc } from '../store/index';

export const COUNTERS_COLLECTION = 'counters';

export interface CounterDoc extends StoredDoc {
  seq: number;
}

const TOKEN = /\{(YYYY|YY|MM|DD|seq(?::(\d+))?)\}/g;

interface DateParts {
  YYYY: string;
  YY: string;
  MM: string;
  DD: string;
}

const DATE_TOKENS: ReadonlySet<string> = new Set(['YYYY', 'YY', 'MM', 'DD']);

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Calendar dates in one time zone (the shop's clock, not the server's). */
class ZoneCalendar {
  private readonly format: Intl.DateTimeFormat;
  // Creates under load ask for the same second many times; no time zone moves its
  // clock by less than a second, so one second has one date.
  private second = Number.NaN;
  private parts: DateParts | null = null;

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  partsAt(now: Date): DateParts {
    const second = Math.floor(now.getTime() / 1000);
    if (this.parts && this.second === second) return this.parts;
    const parts = Object.fromEntries(this.format.formatToParts(now).map((p) => [p.type, p.value]));
    this.parts = { YYYY: parts.year, YY: parts.year.slice(2), MM: parts.month, DD: parts.day };
    this.second = second;
    return this.parts;
  }
}

/** How one document type numbers its documents: the counter of a moment, and a counter value as a number. */
export interface DocumentNumbering {
  /** The counter's `_id`: the type, and the period (`sales_order:20261122`); the type alone without date tokens. */
  counterAt(now: Date): string;
  format(now: Date, seq: number): string;
}

export function compileNumbering(
  type: string,
  pattern: string,
  timeZone: string = DEFAULT_TIMEZONE,
): DocumentNumbering {
  const calendar = new ZoneCalendar(timeZone);
  const periodTokens = [...pattern.matchAll(TOKEN)]
    .map((match) => match[1])
    .filter((token): token is keyof DateParts => DATE_TOKENS.has(token));
  return {
    counterAt(now) {
      if (periodTokens.length === 0) return type;
      const parts = calendar.partsAt(now);
      return `${type}:${periodTokens.map((token) => parts[token]).join('')}`;
    },
    format(now, seq) {
      const parts = calendar.partsAt(now);
      return pattern.replace(TOKEN, (_m, token: string, width: string | undefined) => {
        if (token.startsWith('seq')) return String(seq).padStart(width ? Number(width) : 1, '0');
        return parts[token as keyof DateParts];
      });
    },
  };
}

/** A definition's numbering, compiled once per published version; null where documents go by their id. */
export const numberingOf = (def: Definition): DocumentNumbering | null =>
  def.numbering ? compileNumbering(def.key, def.numbering.pattern, def.numbering.timezone) : null;

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

/** The counter's advance as a change for Store.updateAndInsert: the number taken in the document's own write. */
export const counterAdvance = (numbering: DocumentNumbering, now: Date) => ({
  collection: COUNTERS_COLLECTION,
  filter: { _id: numbering.counterAt(now) },
  update: { $inc: { seq: 1 } },
  upsert: true,
});

/** Takes the next number, in a write of its own. */
export async function takeNumber(store: Store, numbering: DocumentNumbering, now: Date): Promise<string> {
  return numbering.format(now, await nextSeq(store, numbering.counterAt(now)));
}
