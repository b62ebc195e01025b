// Query semantics come from mingo, the MongoDB query language for in-memory
// objects, so filters, sorts, projections and pipelines mean what they mean on
// the MongoDB adapter. Script operators ($where, $function) are off: filters are
// data, never code.
import { Aggregator, Query } from 'mingo';
import type { Filter, FindOptions, PipelineStage, StoredDoc } from '../types';
import { cloneValue } from './codec';
import type { CollectionState } from './state';

const OPTIONS = { scriptEnabled: false } as const;

export function compileFilter(filter: Filter): Query {
  return new Query(filter, OPTIONS);
}

/**
 * Documents a filter can match. An `_id` equality is answered from the map
 * directly, which keeps compare-and-set updates on `{_id, version}` O(1).
 */
function candidates(coll: CollectionState | undefined, filter: Filter): StoredDoc[] {
  if (!coll) return [];
  if (typeof filter._id === 'string') {
    const doc = coll.docs.get(filter._id);
    return doc ? [doc] : [];
  }
  return Array.from(coll.docs.values());
}

/** Stored documents (not copies) matching `filter`, in natural (insertion) order. */
export function matching(coll: CollectionState | undefined, filter: Filter, limit = Infinity): StoredDoc[] {
  const query = compileFilter(filter);
  const out: StoredDoc[] = [];
  for (const doc of candidates(coll, filter)) {
    if (out.length >= limit) break;
    if (query.test(doc)) out.push(doc);
  }
  return out;
}

/**
 * Runs a find. The results may share parts with stored documents: copy each
 * (cloneValue) before it leaves the store.
 */
export function findShared(coll: CollectionState | undefined, filter: Filter, options: FindOptions = {}): StoredDoc[] {
  const cursor = compileFilter(filter).find<StoredDoc>(candidates(coll, filter), options.projection);
  if (options.sort) cursor.sort(options.sort);
  if (options.skip) cursor.skip(options.skip);
  if (options.limit) cursor.limit(options.limit);
  return cursor.all();
}

export function runCount(coll: CollectionState | undefined, filter: Filter = {}): number {
  if (!coll) return 0;
  if (Object.keys(filter).length === 0) return coll.docs.size;
  return matching(coll, filter).length;
}

/**
 * Leading $match stages run on the stored documents without copying; only what
 * they let through is copied before the rest of the pipeline (some mingo stages
 * change their input in place).
 */
export function runAggregate<R>(coll: CollectionState | undefined, pipeline: PipelineStage[]): R[] {
  let docs: StoredDoc[] = coll ? Array.from(coll.docs.values()) : [];
  let first = 0;
  while (first < pipeline.length && isMatchStage(pipeline[first])) {
    const query = compileFilter(pipeline[first].$match as Filter);
    docs = docs.filter((doc) => query.test(doc));
    first += 1;
  }
  const rest = pipeline.slice(first);
  const copies = docs.map((doc) => cloneValue(doc));
  if (rest.length === 0) return copies as R[];
  return new Aggregator(rest, OPTIONS).run(copies) as R[];
}

function isMatchStage(stage: PipelineStage): boolean {
  const keys = Object.keys(stage);
  return keys.length === 1 && keys[0] === '$match';
}
