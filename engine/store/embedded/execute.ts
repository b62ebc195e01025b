// Runs a plan: reads candidate documents (by id, along an index range, or the
// whole collection in _id order), keeps those the query matches, and orders them.
// When the walk gives the order of the leading sort fields, documents are taken
// in runs of equal index values, each run sorted on the whole sort (ties, and
// strings cut in keys), so `sort + limit` stops after the runs it needs.
import { compare, resolve } from 'mingo/util';
import type { Filter, FindOptions, SortSpec, StoredDoc } from '../types';
import { indexesOf } from './catalog';
import { decodeDoc, readDoc, type ReadTxn, type StoreHandles } from './entries';
import { fieldsOf, MAX } from './keys';
import { compileFilter } from './compile-filter';
import { choosePlan, type Plan } from './planner';

export { compileFilter } from './compile-filter';

export interface Explain {
  collection: string;
  plan: 'ids' | 'index' | 'scan';
  index?: string;
  /** The walk gave the sort order (no sort of everything that matched). */
  sortedByIndex: boolean;
  examined: number;
  returned: number;
}

interface Candidate {
  doc: StoredDoc;
  /** Documents with equal run keys are in no particular order among themselves. */
  run: string;
}

const inTxn = (txn: ReadTxn) => (txn ? { transaction: txn } : {});

function* candidates(
  db: StoreHandles,
  collection: string,
  plan: Plan,
  sort: SortSpec | undefined,
  txn: ReadTxn,
): Generator<Candidate> {
  if (plan.kind === 'ids') {
    for (const id of new Set(plan.ids)) {
      const doc = readDoc(db, collection, id, txn);
      if (doc) yield { doc, run: '' };
    }
    return;
  }
  if (plan.kind === 'scan') {
    const lo = [collection, ...(plan.lo ?? [])];
    const hi = [collection, ...(plan.hi ?? []), MAX];
    const range = db.docs.getRange({
      ...inTxn(txn),
      start: plan.reverse ? hi : lo,
      end: plan.reverse ? lo : hi,
      reverse: plan.reverse,
    });
    // In _id order each document is its own run.
    for (const { key, value } of range) yield { doc: decodeDoc(value), run: String(key[1]) };
    return;
  }
  const spec = indexesOf(db.catalog, collection).get(plan.name)?.spec;
  if (!spec) return;
  const runEnd = runKeyEnd(fieldsOf(spec), sort, plan.sortServed);
  const seen = plan.ranges.length > 1 ? new Set<string>() : null;
  for (const range of plan.ranges) {
    const lo = [collection, plan.name, ...range.lo];
    const hi = [collection, plan.name, ...range.hi, MAX];
    const keys = db.index.getKeys({
      ...inTxn(txn),
      start: plan.reverse ? hi : lo,
      end: plan.reverse ? lo : hi,
      reverse: plan.reverse,
    });
    for (const raw of keys) {
      const key = raw;
      const id = key[key.length - 1] as string;
      if (seen) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      const doc = readDoc(db, collection, id, txn);
      if (doc) yield { doc, run: runEnd === 0 ? '' : JSON.stringify(key.slice(2, runEnd)) };
    }
  }
}

/** Where the index key parts that order the served sort fields end (0: the walk orders nothing). */
function runKeyEnd(fields: string[], sort: SortSpec | undefined, served: number): number {
  if (served === 0 || !sort) return 0;
  const last = Object.keys(sort).slice(0, served);
  if (last.includes('_id')) return Infinity;
  const position = Math.max(...last.map((f) => fields.indexOf(f)));
  return 2 + 2 * (position + 1);
}

/** MongoDB's sort order, in which a missing field sorts as null (as in indexes). */
export function sortComparator(sort: SortSpec): (a: StoredDoc, b: StoredDoc) => number {
  const fields = Object.entries(sort);
  return (a, b) => {
    for (const [field, dir] of fields) {
      const order = compare(resolve(a, field) ?? null, resolve(b, field) ?? null);
      if (order !== 0) return order * dir;
    }
    return 0;
  };
}

export interface FindRun {
  docs: StoredDoc[];
  explain: Explain;
}

/** The matching documents (decoded, owned by the caller), sorted, skipped and limited. */
export function runFind(
  db: StoreHandles,
  collection: string,
  filter: Filter,
  options: FindOptions,
  txn: ReadTxn,
): FindRun {
  const query = compileFilter(filter);
  const plan = choosePlan(filter, options.sort, indexesOf(db.catalog, collection).values());
  const skip = options.skip ?? 0;
  const want = options.limit ? skip + options.limit : Infinity;
  const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : undefined;
  const ordered = sort === undefined || (plan.kind !== 'ids' && plan.sortServed > 0);
  const order = sort ? sortComparator(sort) : undefined;
  const out: StoredDoc[] = [];
  let run: StoredDoc[] = [];
  let runKey = '';
  let examined = 0;
  const flush = (): void => {
    if (order && run.length > 1) run.sort(order);
    for (const doc of run) out.push(doc);
    run = [];
  };
  for (const candidate of candidates(db, collection, plan, sort, txn)) {
    if (ordered && candidate.run !== runKey) {
      flush();
      runKey = candidate.run;
      if (out.length >= want) break;
    }
    examined += 1;
    if (!query.test(candidate.doc)) continue;
    run.push(candidate.doc);
    if (!sort && run.length + out.length >= want) break;
  }
  flush();
  if (!ordered && order) out.sort(order);
  let docs = out.slice(skip, want);
  // Nothing found, nothing to project (mingo's cursor and projection handler cost more than the empty read).
  if (options.projection && docs.length > 0) docs = compileFilter({}).find<StoredDoc>(docs, options.projection).all();
  const explain: Explain = {
    collection,
    plan: plan.kind,
    ...(plan.kind === 'index' ? { index: plan.name } : {}),
    sortedByIndex: sort !== undefined && ordered,
    examined,
    returned: docs.length,
  };
  return { docs, explain };
}

export function countAll(db: StoreHandles, collection: string, txn: ReadTxn): number {
  return db.docs.getKeysCount({ ...inTxn(txn), start: [collection], end: [collection, MAX] });
}
