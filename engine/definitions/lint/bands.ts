// Reads an approval level's `when` as a set of intervals over numeric variables
// (`total >= 10000` → [10000, ∞)), and the interval arithmetic the band check needs.
import type { JsonLogic } from '../types';

export interface Interval {
  lo: number;
  loIn: boolean;
  hi: number;
  hiIn: boolean;
}

/** Intervals per variable path; a level may constrain several (through `or`). */
export type Bands = Map<string, Interval[]>;

const ALL: Interval = { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false };

const isOp = (v: unknown): v is Record<string, JsonLogic> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;

function varName(v: JsonLogic): string | undefined {
  if (!isOp(v) || !('var' in v)) return undefined;
  const p = Array.isArray(v.var) ? v.var[0] : v.var;
  return typeof p === 'string' ? p : undefined;
}

/** `x op n` as an interval over x. */
function bound(op: string, n: number): Interval | undefined {
  switch (op) {
    case '>':
      return { ...ALL, lo: n, loIn: false };
    case '>=':
      return { ...ALL, lo: n, loIn: true };
    case '<':
      return { ...ALL, hi: n, hiIn: false };
    case '<=':
      return { ...ALL, hi: n, hiIn: true };
    case '==':
    case '===':
      return { lo: n, loIn: true, hi: n, hiIn: true };
    default:
      return undefined;
  }
}

const FLIP: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '==': '==', '===': '===' };

function comparison(op: string, args: JsonLogic[]): Bands | undefined {
  if (args.length === 3 && (op === '<' || op === '<=')) {
    const [a, x, b] = args;
    const name = varName(x);
    if (!name || typeof a !== 'number' || typeof b !== 'number') return undefined;
    return new Map([[name, [{ lo: a, loIn: op === '<=', hi: b, hiIn: op === '<=' }]]]);
  }
  if (args.length !== 2) return undefined;
  const [l, r] = args;
  const left = varName(l);
  const right = varName(r);
  const found =
    left && typeof r === 'number'
      ? bound(op, r)
      : right && typeof l === 'number'
        ? bound(FLIP[op] ?? op, l)
        : undefined;
  const name = left ?? right;
  return found && name ? new Map([[name, [found]]]) : undefined;
}

export function intersect(a: Interval, b: Interval): Interval | undefined {
  const [lo, loIn] = a.lo > b.lo ? [a.lo, a.loIn] : b.lo > a.lo ? [b.lo, b.loIn] : [a.lo, a.loIn && b.loIn];
  const [hi, hiIn] = a.hi < b.hi ? [a.hi, a.hiIn] : b.hi < a.hi ? [b.hi, b.hiIn] : [a.hi, a.hiIn && b.hiIn];
  if (lo < hi || (lo === hi && loIn && hiIn)) return { lo, loIn, hi, hiIn };
  return undefined;
}

/**
 * The bands a `when` sets. `and` of comparisons on one variable intersects them;
 * `or` keeps the numeric branches and drops the others (they add cases, e.g.
 * "or credit level C", without removing any). Anything else — an `and` mixing
 * variables, a non-numeric test alone — is not a band: returns undefined.
 */
export function bandsOf(logic: JsonLogic | undefined): Bands | undefined {
  if (!isOp(logic)) return undefined;
  const op = Object.keys(logic)[0];
  const raw = logic[op];
  const args: JsonLogic[] = Array.isArray(raw) ? raw : [raw];
  if (op === 'or') {
    const out: Bands = new Map();
    for (const part of args.map(bandsOf)) {
      for (const [name, list] of part ?? []) out.set(name, [...(out.get(name) ?? []), ...list]);
    }
    return out.size > 0 ? out : undefined;
  }
  if (op === 'and') {
    const parts = args.map(bandsOf);
    const names = new Set(parts.flatMap((p) => [...(p?.keys() ?? [])]));
    if (parts.some((p) => !p) || names.size !== 1) return undefined;
    const name = [...names][0];
    let acc: Interval[] = [ALL];
    for (const p of parts) {
      const next = p?.get(name) ?? [];
      acc = acc.flatMap((a) => next.map((b) => intersect(a, b)).filter((x): x is Interval => x !== undefined));
    }
    return new Map([[name, acc]]);
  }
  return comparison(op, args);
}

/** Sorted, merged union: touching intervals ([a, b] and (b, c]) join. */
export function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.lo - b.lo || Number(b.loIn) - Number(a.loIn));
  const out: Interval[] = [];
  for (const next of sorted) {
    const cur = out[out.length - 1];
    if (cur && (next.lo < cur.hi || (next.lo === cur.hi && (cur.hiIn || next.loIn)))) {
      if (next.hi > cur.hi) {
        cur.hi = next.hi;
        cur.hiIn = next.hiIn;
      } else if (next.hi === cur.hi) {
        cur.hiIn = cur.hiIn || next.hiIn;
      }
    } else {
      out.push({ ...next });
    }
  }
  return out;
}

export function format(i: Interval): string {
  const lo = i.lo === -Infinity ? '(-∞' : `${i.loIn ? '[' : '('}${i.lo}`;
  const hi = i.hi === Infinity ? '+∞)' : `${i.hi}${i.hiIn ? ']' : ')'}`;
  return `${lo}, ${hi}`;
}
