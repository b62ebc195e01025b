// Update operators are applied by mingo to a private copy of the stored document;
// the copy replaces the original only once every check has passed.
import { update as applyOperators } from 'mingo';
import { update as applyLean } from 'mingo/updater';
import { resolve } from 'mingo/util';
import type { Filter, StoredDoc, Update } from '../types';
import { newId } from '../ids';
import { cloneValue } from './codec';

type Operators = Record<string, Record<string, unknown>>;

/** Copies the update (so later changes by the caller are not stored) and checks its shape. */
function prepare(update: Update): Operators {
  const keys = Object.keys(update);
  if (keys.length === 0 || keys.some((k) => !k.startsWith('$'))) {
    throw new TypeError(`an update must use operators such as $set; got keys ${JSON.stringify(keys)}`);
  }
  return cloneValue(update) as Operators;
}

/** MongoDB refuses $inc on a non-number; mingo would silently skip it. */
function checkIncrements(doc: StoredDoc, ops: Operators): void {
  for (const [path, amount] of Object.entries(ops.$inc ?? {})) {
    if (typeof amount !== 'number') throw new TypeError(`$inc ${path} needs a number, got ${typeof amount}`);
    const current = resolve(doc, path);
    if (current !== undefined && typeof current !== 'number') {
      throw new TypeError(`cannot apply $inc to ${path}: it holds a non-numeric value`);
    }
  }
}

/** `$set: {_id: sameId}` is allowed; any other change to `_id` is refused by mingo, as by MongoDB. */
function dropUnchangedId(ops: Operators, id: string): void {
  if (ops.$set && ops.$set._id === id) delete ops.$set._id;
}

function isEmptyOperators(ops: Operators): boolean {
  return Object.values(ops).every((fields) => Object.keys(fields ?? {}).length === 0);
}

/** The matched document after `update`, and whether anything changed. */
export function applyUpdate(current: StoredDoc, update: Update, filter: Filter): { doc: StoredDoc; changed: boolean } {
  const ops = prepare(update);
  delete ops.$setOnInsert;
  dropUnchangedId(ops, current._id);
  if (isEmptyOperators(ops)) return { doc: current, changed: false };
  checkIncrements(current, ops);
  const next = cloneValue(current);
  // mingo's top-level `update` copies its whole operator table (every expression,
  // pipeline, accumulator… operator) on each call, about a third of an embedded
  // write's CPU. Update operators and a filter's query operators need only the
  // query, boolean and comparison operators `mingo/updater` adds itself; a filter
  // with $expr may need the rest, so it keeps the full table.
  const apply = usesExpr(filter) ? applyOperators : applyLean;
  const modified = apply(next, ops, undefined, filter, { cloneMode: 'none' });
  return modified.length > 0 ? { doc: next, changed: true } : { doc: current, changed: false };
}

/** Whether a filter has an `$expr` anywhere (its aggregation expressions need mingo's full operator table). */
function usesExpr(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || value instanceof Date) return false;
  if (Array.isArray(value)) return value.some(usesExpr);
  for (const [key, inner] of Object.entries(value)) if (key === '$expr' || usesExpr(inner)) return true;
  return false;
}

/** Equality conditions of a filter, which seed an upserted document (as in MongoDB). */
function equalityFields(filter: Filter, into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) equalityFields(part as Filter, into);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isOperatorObject(value)) {
      const ops = value as Record<string, unknown>;
      if ('$eq' in ops) into[key] = ops.$eq;
      continue;
    }
    into[key] = value;
  }
  return into;
}

function isOperatorObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys[0].startsWith('$');
}

/** The document an upsert inserts: filter equalities, then $setOnInsert and the other operators. */
export function buildUpsert(filter: Filter, update: Update): StoredDoc {
  const ops = prepare(update);
  const seed = cloneValue(equalityFields(filter));
  const id = seed._id ?? newId();
  if (typeof id !== 'string' || id.length === 0) throw new TypeError('an upsert filter _id must be a non-empty string');
  delete seed._id;
  const doc: StoredDoc = { _id: id };
  if (Object.keys(seed).length > 0) applyOperators(doc, { $set: seed }, undefined, undefined, { cloneMode: 'none' });
  if (ops.$setOnInsert) {
    ops.$set = { ...ops.$setOnInsert, ...ops.$set };
    delete ops.$setOnInsert;
  }
  dropUnchangedId(ops, id);
  checkIncrements(doc, ops);
  if (!isEmptyOperators(ops)) applyOperators(doc, ops, undefined, undefined, { cloneMode: 'none' });
  return doc;
}
