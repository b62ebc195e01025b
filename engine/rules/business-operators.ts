// Operators beyond json-logic-js that business rules need. Money needs none of its
// own: + − × ÷ are decimal-exact (compat-operators.ts), so a line amount reads
// {"*": [{"var":"line.qty"}, {"var":"line.price"}, {"-": [1, {"var":"line.discount"}]}]}.
//
//   {"sum": [array, "field.path"]}   exact sum of a field over an array (or of the
//                                    items themselves without a path); blank values
//                                    (null, absent, "") count as 0
//   {"round2": x}                    half-up to 2 places (money); blank → null
//   {"round": [x, places]}           half-up to `places` (default 0); blank → null
//   {"add_days": [date, n]}          "2024-01-31" + 30 → "2024-03-01"; a date-time
//                                    string gives an ISO date-time; invalid → null
//   {"terms_days": terms}            days in payment terms: 30, "30", "NET30",
//                                    "月结60天" → the first whole number; none → 0
//   {"filter_by": [array, "field.path", value]}
//                                    the items whose field equals value: a filter
//                                    on a value from outside the array (a line's
//                                    product looked up in a related order's
//                                    lines), which `filter` cannot reach
import { exactRound, exactSum } from '../money/index';
import { callCode, asArgs, type OperatorSpec } from './build-state';

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '';

/** readVar on a path split once per sum rather than once per item. */
function readParts(item: unknown, parts: string[]): unknown {
  let value = item;
  for (const prop of parts) {
    if (value === null || value === undefined) return null;
    value = (value as Record<string, unknown>)[prop];
  }
  return value;
}

export function sumOf(items: unknown, path?: unknown): number {
  if (!Array.isArray(items)) return 0;
  const parts = typeof path === 'string' && path !== '' ? path.split('.') : undefined;
  const values: number[] = [];
  for (const item of items) {
    const value = parts === undefined ? item : readParts(item, parts);
    if (isBlank(value)) continue;
    values.push(typeof value === 'number' ? value : Number(value));
  }
  return exactSum(values);
}

export function filterBy(items: unknown, path: unknown, value: unknown): unknown[] {
  if (!Array.isArray(items) || typeof path !== 'string' || path === '') return [];
  const parts = path.split('.');
  return items.filter((item) => readParts(item, parts) === value);
}

function round(value: unknown, places: unknown = 0): number | null {
  if (isBlank(value)) return null;
  const digits = Number(places);
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) return Number.NaN;
  return exactRound(Number(value), digits);
}

const round2 = (value: unknown): number | null => round(value, 2);

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function addDays(date: unknown, days: unknown): string | null {
  const n = Number(days);
  if (isBlank(date) || isBlank(days) || !Number.isFinite(n)) return null;
  const whole = Math.round(n);
  if (typeof date === 'string') {
    const m = DATE_ONLY.exec(date);
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const start = Date.UTC(year, month - 1, day);
      // Date.UTC rolls 2024-02-30 over to March; refuse it rather than shift it.
      if (new Date(start).toISOString().slice(0, 10) !== date) return null;
      return new Date(start + whole * DAY_MS).toISOString().slice(0, 10);
    }
  }
  const start = date instanceof Date ? date.getTime() : typeof date === 'string' ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(start)) return null;
  return new Date(start + whole * DAY_MS).toISOString();
}

export function termsDays(terms: unknown): number {
  if (typeof terms === 'number') return Number.isFinite(terms) ? terms : 0;
  if (typeof terms !== 'string') return 0;
  const m = /\d+/.exec(terms);
  return m ? Number(m[0]) : 0;
}

function op(fn: (...args: never[]) => unknown): OperatorSpec {
  const call = fn as (...args: unknown[]) => unknown;
  return {
    method: (args) => call(...args),
    compile: (data, state) => callCode(state, fn, asArgs(data)),
    deterministic: true,
    lazy: false,
  };
}

export const businessOperators: Record<string, OperatorSpec> = {
  sum: op(sumOf),
  round2: op(round2),
  round: op(round),
  add_days: op(addDays),
  terms_days: op(termsDays),
  filter_by: op(filterBy),
};
