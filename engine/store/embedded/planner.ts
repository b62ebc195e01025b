// The query planner. From a filter's top-level conditions (through $and, and the
// hull of an $or whose branches all bound the same field) it takes, per field, an
// interval of index keys that holds every document that can match; then it picks
// the index whose leading fields are bound by equality, then a range, and whose
// order serves the longest prefix of the sort. The query itself is always
// re-checked on each document read, so a plan only decides what is read, never
// what matches: an interval may be wider than the condition, never narrower.
import { compareKeys } from 'lmdb';
import type { Filter, SortSpec } from '../types';
import type { IndexMeta } from './env';
import { encodeKeyValue, fieldsOf, MAX, type KeyPart } from './keys';

/** Key fragments after the fixed prefix: lo is where a walk starts, hi where it ends (MAX appended). */
export interface Interval {
  lo: KeyPart[];
  hi: KeyPart[];
  point: boolean;
  /** The value of a point, whole (keys cut long strings). */
  raw?: unknown;
}

export type Plan =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'scan'; reverse: boolean; sortServed: number; lo?: KeyPart[]; hi?: KeyPart[] }
  | { kind: 'index'; name: string; ranges: Interval[]; reverse: boolean; sortServed: number; eq: number };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

const isScalar = (v: unknown): boolean =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;

function pointOf(value: unknown): Interval {
  const { tag, value: part } = encodeKeyValue(value);
  return { lo: [tag, part], hi: [tag, part], point: true, raw: value };
}

const cmp = (a: KeyPart[], b: KeyPart[]): number => compareKeys(a, b);

/** Intervals one condition on a field allows, or null when it gives no bound (e.g. $ne, $regex). */
function intervalsOf(condition: unknown): Interval[] | null {
  if (isScalar(condition)) return [pointOf(condition)];
  if (!isPlainObject(condition)) return null;
  const keys = Object.keys(condition);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return null;
  let result: Interval[] | null = null;
  const narrow = (next: Interval[]): void => {
    result = result === null ? next : intersect(result, next);
  };
  if ('$eq' in condition && isScalar(condition.$eq)) narrow([pointOf(condition.$eq)]);
  if (Array.isArray(condition.$in) && condition.$in.every(isScalar)) narrow(condition.$in.map(pointOf));
  for (const op of ['$gt', '$gte'] as const) {
    if (!(op in condition) || !isScalar(condition[op]) || condition[op] === null) continue;
    const { tag, value } = encodeKeyValue(condition[op]);
    narrow([{ lo: [tag, value], hi: [tag, MAX], point: false }]);
  }
  for (const op of ['$lt', '$lte'] as const) {
    if (!(op in condition) || !isScalar(condition[op]) || condition[op] === null) continue;
    const { tag, value } = encodeKeyValue(condition[op]);
    narrow([{ lo: [tag], hi: [tag, value], point: false }]);
  }
  return result;
}

/** Pairwise intersection (a superset of the true one is fine). */
function intersect(a: Interval[], b: Interval[]): Interval[] {
  if (a.length === 1 && a[0].point) return a;
  if (b.length === 1 && b[0].point) return b;
  if (a.length > 1) return a;
  if (b.length > 1) return b;
  const lo = cmp(a[0].lo, b[0].lo) >= 0 ? a[0].lo : b[0].lo;
  const hi = cmp(a[0].hi, b[0].hi) <= 0 ? a[0].hi : b[0].hi;
  return [{ lo, hi, point: false }];
}

function hull(parts: Interval[][]): Interval[] {
  const all = parts.flat();
  let lo = all[0].lo;
  let hi = all[0].hi;
  for (const i of all) {
    if (cmp(i.lo, lo) < 0) lo = i.lo;
    if (cmp(i.hi, hi) > 0) hi = i.hi;
  }
  return [{ lo, hi, point: all.length === 1 && all[0].point }];
}

/** Per field, the intervals the filter's top-level conditions allow. */
export function fieldBounds(filter: Filter, into = new Map<string, Interval[]>()): Map<string, Interval[]> {
  const add = (field: string, intervals: Interval[]): void => {
    const known = into.get(field);
    into.set(field, known ? intersect(known, intervals) : intervals);
  };
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) fieldBounds(part, into);
    } else if (key === '$or' && Array.isArray(condition) && condition.length > 0) {
      const branches = condition.map((part) =>
        isPlainObject(part) ? fieldBounds(part) : new Map<string, Interval[]>(),
      );
      for (const field of branches[0].keys()) {
        const parts = branches.map((b) => b.get(field));
        if (parts.every((p): p is Interval[] => p !== undefined)) add(field, hull(parts));
      }
    } else if (!key.startsWith('$')) {
      const intervals = intervalsOf(condition);
      if (intervals) add(key, intervals);
    }
  }
  return into;
}

const isPoint = (intervals: Interval[] | undefined): boolean => intervals?.length === 1 && intervals[0].point;

/** How many leading sort fields a walk over `fields` (after the bound ones) gives in order, and in which direction. */
function sortService(
  fields: string[],
  sort: SortSpec | undefined,
  fixed: (f: string) => boolean,
): { served: number; reverse: boolean } {
  const wanted = Object.entries(sort ?? {}).filter(([f]) => !fixed(f));
  const walk = fields.filter((f) => !fixed(f));
  if (wanted.length === 0) return { served: 0, reverse: false };
  const dir = wanted[0][1];
  let served = 0;
  while (
    served < wanted.length &&
    served < walk.length &&
    wanted[served][0] === walk[served] &&
    wanted[served][1] === dir
  )
    served += 1;
  return { served, reverse: dir === -1 };
}

export function choosePlan(filter: Filter, sort: SortSpec | undefined, indexes: Iterable<IndexMeta>): Plan {
  const bounds = fieldBounds(filter);
  const ids = bounds.get('_id');
  if (ids && ids.every((i) => i.point && typeof i.raw === 'string'))
    return { kind: 'ids', ids: ids.map((i) => i.raw as string) };
  const fixed = (f: string): boolean => isPoint(bounds.get(f));
  const primarySort = sortService(['_id'], sort, fixed);
  let best: Plan = { kind: 'scan', reverse: primarySort.reverse, sortServed: primarySort.served };
  let bestScore = primarySort.served > 0 ? 3 : 0;
  if (ids?.length === 1 && ids[0].lo[0] === 2 && ids[0].hi[0] === 2) {
    best = { ...best, lo: ids[0].lo.slice(1), hi: ids[0].hi.slice(1) };
    bestScore += 5;
  }
  for (const meta of indexes) {
    if (meta.multikey) continue;
    const fields = fieldsOf(meta.spec);
    let eq = 0;
    while (eq < fields.length && isPoint(bounds.get(fields[eq]))) eq += 1;
    const range = eq < fields.length ? bounds.get(fields[eq]) : undefined;
    const { served, reverse } = sortService([...fields, '_id'], sort, fixed);
    const usableSort = range && range.length > 1 ? 0 : served;
    const score =
      eq * 10 + (range ? 5 : 0) + (usableSort > 0 ? (usableSort === Object.keys(sort ?? {}).length ? 8 : 3) : 0);
    if (score <= bestScore) continue;
    const prefix = fields.slice(0, eq).flatMap((f) => (bounds.get(f) as Interval[])[0].lo);
    const ranges = (range ?? [{ lo: [], hi: [], point: false }]).map((i) => ({
      lo: [...prefix, ...i.lo],
      hi: [...prefix, ...i.hi],
      point: i.point,
    }));
    best = { kind: 'index', name: meta.spec.name, ranges, reverse, sortServed: usableSort, eq };
    bestScore = score;
  }
  return best;
}
