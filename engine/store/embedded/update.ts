// Update operators are applied by mingo to a private copy of the stored document;
// the copy replaces the original only once every check has passed.
import { update as applyOperators } from 'mingo';
import * as updateOperators from 'mingo/operators/update';
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

/** The matched document after `update`, and whether anything changed. `current` already matches `filter`. */
export function applyUpdate(current: StoredDoc, update: Update, filter: Filter): { doc: StoredDoc; changed: boolean } {
  const ops = prepare(update);
  delete ops.$setOnInsert;
  dropUnchangedId(ops, current._id);
  if (isEmptyOperators(ops)) return { doc: current, changed: false };
  checkIncrements(current, ops);
  const next = cloneValue(current);
  return applyOperatorsTo(next, ops, filter) ? { doc: next, changed: true } : { doc: current, changed: false };
}

const UPDATE_OPERATORS = updateOperators as unknown as Record<string, (expr: unknown) => (doc: StoredDoc) => string[]>;

/**
 * Applies `ops` to `doc` in place; true when something changed. mingo's `update`
 * builds a fresh operator context (copying its tables) and tests the filter again
 * on every call, about a third of an embedded write's CPU. Plain field paths need
 * neither: each update operator is applied directly with mingo's own prepared
 * defaults. Positional paths (`a.$`, `a.$[]`, `a.$[x]`) need the filter,
 * `$currentDate` reads the clock from the options it is given, a filter with
 * `$expr` needs every expression operator, and paths in conflict must be refused:
 * those go through `update`, the lean table unless the filter has `$expr`.
 */
function applyOperatorsTo(doc: StoredDoc, ops: Operators, filter: Filter): boolean {
  if (usesExpr(filter)) return applyOperators(doc, ops, undefined, filter, { cloneMode: 'none' }).length > 0;
  if (!plainPaths(ops)) return applyLean(doc, ops, undefined, filter, { cloneMode: 'none' }).length > 0;
  let changed = false;
  for (const [name, fields] of Object.entries(ops)) {
    if (UPDATE_OPERATORS[name](fields)(doc).length > 0) changed = true;
  }
  return changed;
}

/** Whether every operator is one mingo has, no path is positional, and no two paths overlap. */
function plainPaths(ops: Operators): boolean {
  const paths: string[] = [];
  for (const [name, fields] of Object.entries(ops)) {
    if (name === '$currentDate' || !Object.hasOwn(UPDATE_OPERATORS, name)) return false;
    for (const [path, value] of Object.entries(fields ?? {})) {
      if (path.includes('$')) return false;
      paths.push(path);
      if (name === '$rename') paths.push(String(value));
    }
  }
  for (let i = 0; i < paths.length; i += 1) {
    for (let j = i + 1; j < paths.length; j += 1) {
      const [a, b] = [paths[i], paths[j]];
      if (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)) return false;
    }
  }
  return true;
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
