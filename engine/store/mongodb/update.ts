// Turns a port Update into the driver's update document.
import type { Document } from 'mongodb';
import { newId } from '../ids';
import type { Filter, Update } from '../types';
import { encode } from './codec';

function hasIdEquality(filter: Filter): boolean {
  const id = filter._id;
  if (id === undefined) return false;
  return id === null || typeof id !== 'object' || '$eq' in id;
}

const encodeValues = (fields: Record<string, unknown>, inArray: boolean): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).map(([path, value]) => [path, encode(value, inArray)]));

function encodePush(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([path, value]) => {
      const each = (value as { $each?: unknown } | null)?.$each;
      if (!Array.isArray(each)) return [path, encode(value, true)];
      return [path, { ...(value as object), $each: each.map((item) => encode(item, true)) }];
    }),
  );
}

/**
 * Builds the driver update: values in the stored encoding, empty operators
 * dropped (FerretDB refuses them), and for an upsert that would otherwise get a
 * server-generated ObjectId, a string `_id` seeded through $setOnInsert.
 */
export function toDriverUpdate(filter: Filter, update: Update, upsert: boolean): Document {
  const out: Document = {};
  const add = (
    op: keyof Update,
    fields: Record<string, unknown> | undefined,
    map: (f: Record<string, unknown>) => unknown,
  ): void => {
    if (fields && Object.keys(fields).length > 0) out[op] = map(fields);
  };
  add('$set', update.$set, (f) => encodeValues(f, false));
  add('$setOnInsert', update.$setOnInsert, (f) => encodeValues(f, false));
  add('$push', update.$push, encodePush);
  add('$inc', update.$inc, (f) => f);
  add('$unset', update.$unset, (f) => f);
  if (upsert && update.$setOnInsert?._id === undefined && !hasIdEquality(filter)) {
    out.$setOnInsert = { ...(out.$setOnInsert as Document | undefined), _id: newId() };
  }
  return out;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === null || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Document;
  }
  node[parts[parts.length - 1]] = value;
}

const isOperatorObject = (value: unknown): boolean =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).some((k) => k.startsWith('$'));

/**
 * The document an upsert would insert (filter equalities, then $setOnInsert and
 * $set), close enough to find which unique index it collides with.
 */
export function upsertSeed(filter: Filter, driverUpdate: Document): Document {
  const seed: Document = {};
  for (const [path, value] of Object.entries(filter)) {
    if (!path.startsWith('$') && !isOperatorObject(value)) setPath(seed, path, value);
  }
  for (const op of ['$setOnInsert', '$set'] as const) {
    for (const [path, value] of Object.entries((driverUpdate[op] ?? {}) as Document)) setPath(seed, path, value);
  }
  return seed;
}
