// Rewrites a rule, before it is built, where json-logic-engine's own compilation
// of an operator would differ from json-logic-js and the operator is too entangled
// with the compiler to replace: the array operators. json-logic-js treats a
// non-array as an empty list (map/filter → [], all/some → false, none → true,
// reduce → the initial value); json-logic-engine throws, and `all` of null is
// true. Wrapping the first argument in `__array` restores json-logic-js behaviour,
// and a reduce without an initial value gets json-logic-js's null. A single
// non-array argument to if/and/or/… is wrapped, as json-logic-js does.
// The result is a fresh copy: later edits to the definition cannot reach it.
import { callCode, type OperatorSpec } from './build-state';
import type { JsonLogic } from '../definitions/index';

const ARRAY_OPERATORS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);
/** json-logic-engine's own operators that need their arguments as an array. */
const LIST_OPERATORS = new Set(['if', '?:', 'and', 'or', ...ARRAY_OPERATORS]);
export const AS_ARRAY = '__array';

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const normalizeOperators: Record<string, OperatorSpec> = {
  [AS_ARRAY]: {
    method: (args) => asArray(args[0]),
    compile: (data, state) => callCode(state, asArray, [Array.isArray(data) ? data[0] : data]),
    deterministic: true,
    lazy: false,
  },
};

export function normalizeRule(logic: JsonLogic): JsonLogic {
  if (Array.isArray(logic)) return logic.map(normalizeRule);
  if (logic === null || typeof logic !== 'object') return logic;
  const keys = Object.keys(logic);
  if (keys.length !== 1) {
    // Not an operation; copied as is (the compiler decides whether it is valid).
    return structuredClone(logic);
  }
  const op = keys[0];
  // json-logic-js reads {"if": x} as {"if": [x]}; json-logic-engine refuses it.
  const args = LIST_OPERATORS.has(op) && !Array.isArray(logic[op]) ? [logic[op]] : logic[op];
  if (op === 'preserve') return { preserve: structuredClone(args) };
  if (ARRAY_OPERATORS.has(op) && Array.isArray(args) && args.length > 0) {
    const [source, ...rest] = args.map(normalizeRule);
    // json-logic-js starts a reduce without an initial value from null.
    if (op === 'reduce' && rest.length === 1) rest.push(null);
    return { [op]: [{ [AS_ARRAY]: [source] }, ...rest] };
  }
  return { [op]: normalizeRule(args) };
}
