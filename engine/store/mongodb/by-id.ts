// FerretDB 1.24 (SQLite) reads by primary key only for a filter that is exactly
// `{_id: value}`. Any other filter — `_id` and one more condition, a `$and` with
// `_id` in it (a document read under the caller's row scope), `_id: {$in: […]}`
// (the related documents of an order) — makes it decode every document of the
// collection (measured on 1,000 orders: 13 ms against 500 ms, and FerretDB's CPU
// is what the approval path runs out of). So on FerretDB a filter that pins `_id`
// to a few values reads those documents by `_id` alone and matches the whole
// filter here (sort, skip, limit and projection too) with mingo, the query engine
// the embedded store uses. Real MongoDB plans such filters itself.
import type { Collection as MongoCollection } from 'mongodb';
import { Query } from 'mingo';
import type { Filter, FindOptions, StoredDoc } from '../types';

const OPTIONS = { scriptEnabled: false } as const;
/** More ids than this are cheaper as the one scan. */
const MAX_PINNED = 32;

function idsOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const list = (value as { $in?: unknown }).$in;
  if (keys.length !== 1 || !Array.isArray(list) || list.length > MAX_PINNED) return undefined;
  return list.every((id): id is string => typeof id === 'string') ? [...new Set(list)] : undefined;
}

/** The few `_id`s a filter allows, when it names them: top-level or in a top-level `$and`. */
export function pinnedIds(filter: Filter): string[] | undefined {
  const ids = idsOf(filter._id);
  if (ids) return ids;
  if (!Array.isArray(filter.$and)) return undefined;
  for (const part of filter.$and as unknown[]) {
    if (part === null || typeof part !== 'object' || Array.isArray(part)) continue;
    const inner = pinnedIds(part as Filter);
    if (inner) return inner;
  }
  return undefined;
}

/** The documents `filter` matches among `ids`, each read by `_id` alone. */
export async function findPinned(
  raw: MongoCollection<StoredDoc>,
  ids: string[],
  filter: Filter,
  options: FindOptions = {},
): Promise<StoredDoc[]> {
  const docs: StoredDoc[] = [];
  for (const id of ids) {
    const doc = await raw.findOne({ _id: id });
    if (doc) docs.push(doc);
  }
  const cursor = new Query(filter, OPTIONS).find<StoredDoc>(docs, options.projection);
  if (options.sort) cursor.sort(options.sort);
  if (options.skip) cursor.skip(options.skip);
  if (options.limit) cursor.limit(options.limit);
  return cursor.all();
}

/**
 * A single-document write whose filter names one `_id` and more (a compare-and-set:
 * `{_id, claim}`, `{_id, version}`, `{_id, available: {$gte: n}}`): the document
 * the write would touch, when the filter holds for it. FerretDB would decode the
 * whole collection for such a filter, so the adapter reads it by `_id`, matches the
 * rest here, and writes by `_id` alone — inside the collection's write lock, the
 * same serialisation that already makes these updates atomic on FerretDB (one
 * engine per FerretDB store, store/lease.ts).
 */
export function writeTarget(filter: Filter): string | undefined {
  const id = filter._id;
  return typeof id === 'string' && Object.keys(filter).length > 1 ? id : undefined;
}

/** Whether the document with this `_id` exists and matches the whole filter. */
export async function matchesById(raw: MongoCollection<StoredDoc>, id: string, filter: Filter): Promise<boolean> {
  const doc = await raw.findOne({ _id: id });
  return doc !== null && new Query(filter, OPTIONS).test(doc);
}
