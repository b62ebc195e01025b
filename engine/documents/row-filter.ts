// Translates the JSON-Logic subset used by permission row filters into a store
// filter, so a list is filtered in the query (and paginates correctly) instead of
// after loading. Supported: ==, ===, !=, !==, <, <=, >, >= (incl. the 3-argument
// "between" form), in, and, or, !, !!, and var on data.* / doc.* paths (fields)
// or user.* paths (resolved to constants per caller). Anything else is refused at
// compile time, i.e. when the definition is published, never per request.
//
// `in` with a field on the right is translated as array membership; JSON-Logic's
// substring form (`"ab" in "xabc"`) on a string field is not supported in filters.
// `==`/`!=` keep JSON-Logic's looseness between numbers and numeric strings; the
// range operators compare values of one type, as the store does (schema
// validation keeps stored numbers numbers, so this only matters for bad data).
import type { Filter } from '../store/index';

export interface RuleUser {
  id: string;
  username: string;
  roles: string[];
}

export class UntranslatableRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntranslatableRuleError';
  }
}

/** Matches nothing: `_id` is never in the empty list. */
export const MATCH_NONE: Filter = { _id: { $in: [] } };
export const MATCH_ALL: Filter = {};

type Node =
  | { kind: 'const'; value: (user: RuleUser) => unknown }
  | { kind: 'field'; path: string }
  | { kind: 'filter'; build: (user: RuleUser) => Filter };

const ENVELOPE: Record<string, string> = {
  id: '_id',
  type: 'type',
  state: 'state',
  number: 'number',
  version: 'version',
  definitionVersion: 'definitionVersion',
  createdBy: 'createdBy',
  createdAt: 'createdAt',
  updatedBy: 'updatedBy',
  updatedAt: 'updatedAt',
};

const SAFE_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$|^\d+$/;

function fieldPath(path: string): string {
  const [root, ...rest] = path.split('.');
  if (rest.length === 0 || !rest.every((s) => SAFE_SEGMENT.test(s))) {
    throw new UntranslatableRuleError(`var "${path}" is not a plain data.*, doc.* or user.* path`);
  }
  if (root === 'data') return `data.${rest.join('.')}`;
  if (root === 'doc') {
    const mapped = ENVELOPE[rest[0]];
    if (!mapped || rest.length > 1) throw new UntranslatableRuleError(`var "${path}" is not a document envelope field`);
    return mapped;
  }
  throw new UntranslatableRuleError(`var "${path}" must start with data., doc. or user.`);
}

function userValue(user: RuleUser, path: string[]): unknown {
  let value: unknown = user;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[segment];
  }
  return value ?? null;
}

function compileVar(arg: unknown): Node {
  const path = Array.isArray(arg) ? arg[0] : arg;
  if (Array.isArray(arg) && arg.length > 1)
    throw new UntranslatableRuleError('var with a default value is not supported in row filters');
  if (typeof path !== 'string') throw new UntranslatableRuleError('var needs a string path');
  if (path.startsWith('user.')) {
    const segments = path.split('.').slice(1);
    return { kind: 'const', value: (user) => userValue(user, segments) };
  }
  return { kind: 'field', path: fieldPath(path) };
}

/** JSON-Logic's `==` is loose: 1 == "1". Both spellings are matched. */
function looseValues(value: unknown): unknown[] {
  if (typeof value === 'number') return [value, String(value)];
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return [value, Number(value)];
  if (typeof value === 'boolean') return [value, value ? 1 : 0];
  return [value];
}

const FLIP: Record<string, string> = { $lt: '$gt', $lte: '$gte', $gt: '$lt', $gte: '$lte' };
const RANGE_OPS: Record<string, string> = { '<': '$lt', '<=': '$lte', '>': '$gt', '>=': '$gte' };

function constCompare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return a == b;
    case '===':
      return a === b;
    case '!=':
      return a != b;
    case '!==':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

function asConstFilter(truth: boolean): Filter {
  return truth ? MATCH_ALL : MATCH_NONE;
}

function compileComparison(op: string, args: unknown[]): Node {
  if (args.length === 3 && (op === '<' || op === '<=')) {
    return compileNode({ and: [{ [op]: [args[0], args[1]] }, { [op]: [args[1], args[2]] }] });
  }
  if (args.length !== 2) throw new UntranslatableRuleError(`${op} needs two arguments`);
  const [left, right] = args.map(compileNode);
  if (left.kind === 'filter' || right.kind === 'filter')
    throw new UntranslatableRuleError(`${op} compares values, not conditions`);
  if (left.kind === 'const' && right.kind === 'const') {
    return { kind: 'filter', build: (user) => asConstFilter(constCompare(op, left.value(user), right.value(user))) };
  }
  if (left.kind === 'field' && right.kind === 'field')
    throw new UntranslatableRuleError(`${op} between two fields is not supported`);
  const field = left.kind === 'field' ? left.path : (right as { path: string }).path;
  const value = left.kind === 'const' ? left.value : (right as { value: (u: RuleUser) => unknown }).value;
  const fieldOnLeft = left.kind === 'field';
  switch (op) {
    case '==':
      return { kind: 'filter', build: (u) => ({ [field]: { $in: looseValues(value(u)) } }) };
    case '===':
      return { kind: 'filter', build: (u) => ({ [field]: { $eq: value(u) } }) };
    case '!=':
      return { kind: 'filter', build: (u) => ({ [field]: { $nin: looseValues(value(u)) } }) };
    case '!==':
      return { kind: 'filter', build: (u) => ({ [field]: { $ne: value(u) } }) };
    default: {
      const mongoOp = fieldOnLeft ? RANGE_OPS[op] : FLIP[RANGE_OPS[op]];
      return { kind: 'filter', build: (u) => ({ [field]: { [mongoOp]: value(u) } }) };
    }
  }
}

function compileIn(args: unknown[]): Node {
  if (args.length !== 2) throw new UntranslatableRuleError('in needs two arguments');
  const [needle, haystack] = args.map(compileNode);
  if (needle.kind === 'filter' || haystack.kind === 'filter')
    throw new UntranslatableRuleError('in compares values, not conditions');
  if (needle.kind === 'field' && haystack.kind === 'field')
    throw new UntranslatableRuleError('in between two fields is not supported');
  if (needle.kind === 'field' && haystack.kind === 'const') {
    return {
      kind: 'filter',
      build: (u) => {
        const list = haystack.value(u);
        return Array.isArray(list) ? { [needle.path]: { $in: list } } : MATCH_NONE;
      },
    };
  }
  if (needle.kind === 'const' && haystack.kind === 'field') {
    return { kind: 'filter', build: (u) => ({ [haystack.path]: needle.value(u) }) };
  }
  const n = needle as { value: (u: RuleUser) => unknown };
  const h = haystack as { value: (u: RuleUser) => unknown };
  return {
    kind: 'filter',
    build: (u) => {
      const list = h.value(u);
      const item = n.value(u);
      if (Array.isArray(list)) return asConstFilter(list.includes(item));
      return asConstFilter(typeof list === 'string' && list.includes(String(item)));
    },
  };
}

const FALSY = [null, false, 0, ''];

function compileTruthiness(arg: unknown, negate: boolean): Node {
  const inner = compileNode(Array.isArray(arg) ? arg[0] : arg);
  if (inner.kind === 'field') {
    return { kind: 'filter', build: () => ({ [inner.path]: negate ? { $in: FALSY } : { $nin: FALSY } }) };
  }
  if (inner.kind === 'const') {
    return { kind: 'filter', build: (u) => asConstFilter(negate ? !inner.value(u) : Boolean(inner.value(u))) };
  }
  return { kind: 'filter', build: (u) => (negate ? { $nor: [inner.build(u)] } : inner.build(u)) };
}

function asFilterNode(node: Node): (u: RuleUser) => Filter {
  if (node.kind === 'filter') return node.build;
  if (node.kind === 'field') return () => ({ [node.path]: { $nin: FALSY } });
  return (u) => asConstFilter(Boolean(node.value(u)));
}

function compileNode(rule: unknown): Node {
  if (rule === null || typeof rule !== 'object') return { kind: 'const', value: () => rule };
  if (Array.isArray(rule)) {
    const items = rule.map(compileNode);
    if (items.some((i) => i.kind !== 'const'))
      throw new UntranslatableRuleError('arrays in row filters must hold constants');
    return { kind: 'const', value: (u) => items.map((i) => (i as { value: (x: RuleUser) => unknown }).value(u)) };
  }
  const keys = Object.keys(rule);
  if (keys.length !== 1) throw new UntranslatableRuleError('a rule object must have exactly one operator');
  const op = keys[0];
  const raw = (rule as Record<string, unknown>)[op];
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === 'var') return compileVar(raw);
  if (op in RANGE_OPS || op === '==' || op === '===' || op === '!=' || op === '!==') return compileComparison(op, args);
  if (op === 'in') return compileIn(args);
  if (op === '!') return compileTruthiness(args, true);
  if (op === '!!') return compileTruthiness(args, false);
  if (op === 'and' || op === 'or') {
    const parts = args.map((a) => asFilterNode(compileNode(a)));
    if (parts.length === 0) throw new UntranslatableRuleError(`${op} needs at least one condition`);
    const mongoOp = op === 'and' ? '$and' : '$or';
    return { kind: 'filter', build: (u) => ({ [mongoOp]: parts.map((p) => p(u)) }) };
  }
  throw new UntranslatableRuleError(`operator "${op}" is not supported in row filters`);
}

/** Compiles once (at definition load); the returned function only substitutes the caller. */
export function compileRowFilter(rule: unknown): (user: RuleUser) => Filter {
  return asFilterNode(compileNode(rule));
}
