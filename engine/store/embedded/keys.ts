// Keys in the LMDB store. Every key is an array (lmdb-js orders arrays element by
// element, numbers before strings, strings by their UTF-8 bytes):
//   documents  [collection, _id]
//   index      [collection, index name, tag, value, tag, value, …, _id]
// Each indexed field becomes a (tag, value) pair. The tag puts types in MongoDB's
// sort order (null/missing < numbers < strings < objects < arrays < booleans <
// dates), so walking an index gives the order a sort on those fields gives. Long
// strings are cut to a prefix (LMDB keys are at most 1978 bytes): an index entry
// then stands for every value with that prefix, and the query re-checks the
// document itself, so a cut key only ever widens what is read, never narrows it.
import { resolve } from 'mingo/util';
import type { IndexSpec, StoredDoc } from '../types';
import { encodeValue } from './codec';

export type KeyPart = string | number;
export type LmdbKey = KeyPart[];

/** Greater than any tag, number or string we put in a key (U+10FFFF never starts real text). */
export const MAX = '\u{10FFFF}';
/** Longest string kept whole in an index key, in UTF-16 units (4 UTF-8 bytes each at worst). */
export const MAX_STRING = 100;

export const TAG = { null: 0, number: 1, string: 2, object: 3, array: 4, boolean: 5, date: 6 } as const;

export const docKey = (collection: string, id: string): LmdbKey => [collection, id];

export interface EncodedValue {
  tag: number;
  value: KeyPart;
  /** Objects and arrays: the index can no longer answer range or sort questions on this field. */
  complex: boolean;
}

const cut = (text: string): string => (text.length > MAX_STRING ? text.slice(0, MAX_STRING) : text);

/** The (tag, value) pair of one field value; missing and null are the same, as in MongoDB. */
export function encodeKeyValue(value: unknown): EncodedValue {
  if (value === null || value === undefined) return { tag: TAG.null, value: 0, complex: false };
  if (typeof value === 'number')
    return { tag: TAG.number, value: Number.isNaN(value) ? -Infinity : value, complex: false };
  if (typeof value === 'string') return { tag: TAG.string, value: cut(value), complex: false };
  if (typeof value === 'boolean') return { tag: TAG.boolean, value: value ? 1 : 0, complex: false };
  if (value instanceof Date) {
    const time = value.getTime();
    return { tag: TAG.date, value: Number.isFinite(time) ? time : -Infinity, complex: false };
  }
  const tag = Array.isArray(value) ? TAG.array : TAG.object;
  return { tag, value: cut(JSON.stringify(encodeValue(value))), complex: true };
}

export const fieldsOf = (spec: IndexSpec): string[] => Object.keys(spec.keys);

/** The values a document has at an index's fields. */
export function indexValues(doc: StoredDoc, spec: IndexSpec): EncodedValue[] {
  return fieldsOf(spec).map((field) => encodeKeyValue(resolve(doc, field)));
}

export function indexKey(collection: string, spec: IndexSpec, doc: StoredDoc): { key: LmdbKey; complex: boolean } {
  const key: LmdbKey = [collection, spec.name];
  let complex = false;
  for (const part of indexValues(doc, spec)) {
    key.push(part.tag, part.value);
    complex ||= part.complex;
  }
  key.push(doc._id);
  return { key, complex };
}

/** Exact identity of a document's values under a unique index (no cut strings), as the old store compared them. */
export function uniqueIdentity(doc: StoredDoc, spec: IndexSpec): string {
  const values = fieldsOf(spec).map((field) => resolve(doc, field) ?? null);
  return JSON.stringify(encodeValue(values));
}

export const sameKey = (a: LmdbKey, b: LmdbKey): boolean =>
  a.length === b.length && a.every((part, i) => part === b[i]);
