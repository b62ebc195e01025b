// The amount bands of a chain of approval levels on one number line: each level's
// intervals over a variable (data.total), where no level applies (gaps between bands)
// and where a bounded range spills into the next one (overlaps). Cumulative
// thresholds (≥ 10000, ≥ 100000) overlap by design and are not reported. This mirrors
// the engine linter's approval-band check so the admin sees it before publishing.
import type { ApprovalLevel, JsonLogic } from '../../../../engine/definitions/index';

export interface Interval {
  lo: number;
  loIn: boolean;
  hi: number;
  hiIn: boolean;
}

const ALL: Interval = { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false };
type Op = Record<string, JsonLogic>;
const isOp = (v: unknown): v is Op =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;

function varName(x: JsonLogic): string | undefined {
  if (!isOp(x) || !('var' in x)) return undefined;
  const p = Array.isArray(x.var) ? x.var[0] : x.var;
  return typeof p === 'string' ? p : undefined;
}

const FLIP: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '==': '==', '===': '===' };

function bound(op: string, n: number): Interval | undefined {
  if (op === '>') return { ...ALL, lo: n };
  if (op === '>=') return { ...ALL, lo: n, loIn: true };
  if (op === '<') return { ...ALL, hi: n };
  if (op === '<=') return { ...ALL, hi: n, hiIn: true };
  if (op === '==' || op === '===') return { lo: n, loIn: true, hi: n, hiIn: true };
  return undefined;
}

export function intersect(a: Interval, b: Interval): Interval | undefined {
  const [lo, loIn] = a.lo > b.lo ? [a.lo, a.loIn] : b.lo > a.lo ? [b.lo, b.loIn] : [a.lo, a.loIn && b.loIn];
  const [hi, hiIn] = a.hi < b.hi ? [a.hi, a.hiIn] : b.hi < a.hi ? [b.hi, b.hiIn] : [a.hi, a.hiIn && b.hiIn];
  return lo < hi || (lo === hi && loIn && hiIn) ? { lo, loIn, hi, hiIn } : undefined;
}

/** Intervals over `name` where `when` holds through numeric tests; undefined when it does not test `name` as a band. */
export function intervalsOf(when: JsonLogic | undefined, name: string): Interval[] | undefined {
  if (!isOp(when)) return undefined;
  const op = Object.keys(when)[0];
  const raw = when[op];
  const args: JsonLogic[] = Array.isArray(raw) ? raw : [raw];
  if (op === 'or') {
    const parts = args.map((a) => intervalsOf(a, name)).filter((p): p is Interval[] => p !== undefined);
    return parts.length > 0 ? parts.flat() : undefined;
  }
  if (op === 'and') {
    const parts = args.map((a) => intervalsOf(a, name));
    if (parts.every((p) => p === undefined)) return undefined;
    let acc: Interval[] = [ALL];
    for (const p of parts) {
      if (!p) continue; // another condition narrows who, not how much
      acc = acc.flatMap((a) => p.map((b) => intersect(a, b)).filter((x): x is Interval => x !== undefined));
    }
    return acc;
  }
  if (
    args.length === 3 &&
    (op === '<' || op === '<=') &&
    varName(args[1]) === name &&
    typeof args[0] === 'number' &&
    typeof args[2] === 'number'
  ) {
    return [{ lo: args[0], loIn: op === '<=', hi: args[2], hiIn: op === '<=' }];
  }
  if (args.length !== 2) return undefined;
  const [l, r] = args;
  if (varName(l) === name && typeof r === 'number') return wrap(bound(op, r));
  if (varName(r) === name && typeof l === 'number') return wrap(bound(FLIP[op] ?? op, l));
  return undefined;
}

const wrap = (i: Interval | undefined): Interval[] | undefined => (i ? [i] : undefined);

export function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.lo - b.lo || Number(b.loIn) - Number(a.loIn));
  const out: Interval[] = [];
  for (const next of sorted) {
    const cur = out[out.length - 1];
    if (cur && (next.lo < cur.hi || (next.lo === cur.hi && (cur.hiIn || next.loIn)))) {
      if (next.hi > cur.hi) {
        cur.hi = next.hi;
        cur.hiIn = next.hiIn;
      } else if (next.hi === cur.hi) cur.hiIn = cur.hiIn || next.hiIn;
    } else out.push({ ...next });
  }
  return out;
}

export interface NumberLine {
  variable: string;
  levels: Array<{ key: string; intervals: Interval[] }>;
  gaps: Interval[];
  overlaps: Array<{ a: string; b: string; interval: Interval }>;
  /** Every band stops below infinity: larger amounts need no approval. */
  openTop: Interval | null;
}

/** The lower-starting of two intersecting intervals; ties go to the unbounded one. */
function lower(a: Interval, b: Interval): Interval {
  if (a.lo !== b.lo) return a.lo < b.lo ? a : b;
  if (a.loIn !== b.loIn) return a.loIn ? a : b;
  return a.hi === Infinity ? a : b;
}

export function numberLine(levels: ApprovalLevel[], variable = 'data.total'): NumberLine {
  const entries = levels
    .map((l) => ({ key: l.key, intervals: intervalsOf(l.when, variable) ?? [] }))
    .filter((e) => e.intervals.length > 0);
  const overlaps: NumberLine['overlaps'] = [];
  for (let a = 0; a < entries.length; a++) {
    for (let b = a + 1; b < entries.length; b++) {
      for (const ia of entries[a].intervals) {
        for (const ib of entries[b].intervals) {
          const common = intersect(ia, ib);
          if (common && lower(ia, ib).hi !== Infinity)
            overlaps.push({ a: entries[a].key, b: entries[b].key, interval: common });
        }
      }
    }
  }
  const merged = union(entries.flatMap((e) => e.intervals));
  const gaps: Interval[] = [];
  for (let k = 0; k + 1 < merged.length; k++) {
    gaps.push({ lo: merged[k].hi, loIn: !merged[k].hiIn, hi: merged[k + 1].lo, hiIn: !merged[k + 1].loIn });
  }
  const top = merged[merged.length - 1];
  const openTop = top && top.hi !== Infinity ? { lo: top.hi, loIn: !top.hiIn, hi: Infinity, hiIn: false } : null;
  return { variable, levels: entries, gaps, overlaps, openTop };
}

/** Variables some level tests as a band (the number lines worth drawing). */
export function bandVariables(levels: ApprovalLevel[]): string[] {
  const names = new Set<string>();
  const walk = (x: JsonLogic | undefined) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (isOp(x)) {
      const name = varName(x);
      if (name) names.add(name);
      else Object.values(x).forEach(walk);
    }
  };
  levels.forEach((l) => walk(l.when));
  return [...names].filter((n) => levels.some((l) => intervalsOf(l.when, n)?.length));
}

export function formatInterval(i: Interval, fmt: (n: number) => string = String): string {
  const lo = i.lo === -Infinity ? '(-∞' : `${i.loIn ? '[' : '('}${fmt(i.lo)}`;
  const hi = i.hi === Infinity ? '+∞)' : `${fmt(i.hi)}${i.hiIn ? ']' : ')'}`;
  return `${lo}, ${hi}`;
}
