// Operators that json-logic-engine 5 implements differently from json-logic-js
// (the reference semantics our definitions are written against), re-implemented
// with json-logic-js behaviour and compiled inline where it matters for speed.
// What json-logic-engine does instead, and why that was not kept:
// - arithmetic throws on NaN and treats null as 0 (`{"+":[null,1]}` → 1; jsl → NaN),
//   `-`, `/`, `%` use every argument (jsl: only the first two);
// - `==` treats null == 0 as true and throws on objects; `<` etc. throw on NaN;
// - `min`/`max` throw on strings or an empty list (jsl: Math.min/Math.max);
// - `missing` does not count "" as missing; `var` returns the default for a null value;
// - `in` throws when the haystack is a number; `substr` throws on null;
// - `cat` prints null as "null" once compiled.
// Arithmetic is also decimal-exact here (see engine/money/exact-arithmetic.ts):
// the one deliberate difference from json-logic-js, so money rules need no
// special operators — `{"*": [qty, price]}` is exact.
import { exactAdd, exactDiv, exactMod, exactMul, exactSub } from '../money/index';
import { asArgs, callCode, undefinedCode, type BuildState, type OperatorSpec } from './build-state';

/**
 * parseFloat(v) as json-logic-js applies it. A number is already what parseFloat
 * would return (except -0, which prints as "0"); skipping the number → string →
 * number round trip is most of the cost of arithmetic on the hot path.
 */
const pf = (v: unknown): number => (typeof v === 'number' ? (v === 0 ? 0 : v) : Number.parseFloat(String(v)));

// json-logic-js `+`: reduce((a, b) => parseFloat(a) + parseFloat(b), 0).
const plusStep = (acc: number, value: unknown): number => exactAdd(acc, pf(value));
// json-logic-js `*`: reduce((a, b) => parseFloat(a) * parseFloat(b)) with no initial value.
const timesStep = (acc: unknown, value: unknown): number => exactMul(pf(acc), pf(value));
// `-a` / `a - b` / `a / b` / `a % b` coerce with ToNumber, like the JS operators jsl uses.
const minus = (a: unknown, b: unknown): number => (b === undefined ? -Number(a) : exactSub(Number(a), Number(b)));
const divide = (a: unknown, b: unknown): number => exactDiv(Number(a), Number(b));
const modulo = (a: unknown, b: unknown): number => exactMod(Number(a), Number(b));
const emptyProduct = (): never => {
  // What json-logic-js does for {"*": []} (reduce of an empty array with no initial value).
  throw new TypeError('Reduce of empty array with no initial value');
};

/** Left fold as nested calls: step(step(step(init, a), b), c) — no array per evaluation. */
function foldCode(
  state: BuildState,
  step: (acc: never, value: never) => unknown,
  init: unknown,
  args: unknown[],
): object {
  // `init` may be a literal or logic: compiled on its own when nothing folds onto it.
  let code: object = state.compile(['', ''], init);
  for (const arg of args) code = callCode(state, step, [code, arg]);
  return code;
}

function binary(fn: (a: unknown, b: unknown) => unknown): OperatorSpec {
  return {
    method: (args) => fn(args[0], args[1]),
    compile: (data, state) => {
      const args = asArgs(data);
      return callCode(state, fn, [args[0], args.length > 1 ? args[1] : undefinedCode(state)]);
    },
    deterministic: true,
    lazy: false,
  };
}

/** `==`, `>`, …: two operands compared with the JS operator, inlined. */
function comparison(op: string, fn: (a: unknown, b: unknown) => boolean): OperatorSpec {
  return {
    method: (args) => fn(args[0], args[1]),
    compile: (data, state) => {
      const args = asArgs(data);
      return state.compile(['((', `) ${op} (`, '))'], args[0], args.length > 1 ? args[1] : undefinedCode(state));
    },
    deterministic: true,
    lazy: false,
  };
}

/** `<` and `<=` also take three operands: a < b < c ("between", exclusive or inclusive). */
function between(op: string, fn: (a: unknown, b: unknown) => boolean): OperatorSpec {
  const three = (a: unknown, b: unknown, c: unknown): boolean => (c === undefined ? fn(a, b) : fn(a, b) && fn(b, c));
  const two = comparison(op, fn);
  return {
    method: (args) => three(args[0], args[1], args[2]),
    compile: (data, state) => {
      const args = asArgs(data);
      return args.length >= 3 ? callCode(state, three, args.slice(0, 3)) : two.compile(data, state);
    },
    deterministic: true,
    lazy: false,
  };
}

// Casts below: these mirror JS's own loose comparison of any two values, which
// is what json-logic-js does; TypeScript only types it for numbers.
const looseEq = (a: unknown, b: unknown): boolean => a == b;
const lt = (a: unknown, b: unknown): boolean => (a as number) < (b as number);
const le = (a: unknown, b: unknown): boolean => (a as number) <= (b as number);
const gt = (a: unknown, b: unknown): boolean => (a as number) > (b as number);
const ge = (a: unknown, b: unknown): boolean => (a as number) >= (b as number);

function variadic(fn: (...args: unknown[]) => unknown): OperatorSpec {
  return {
    method: (args) => fn(...args),
    compile: (data, state) => callCode(state, fn, asArgs(data)),
    deterministic: true,
    lazy: false,
  };
}

const max = (...args: unknown[]): number => Math.max(...(args as number[]));
const min = (...args: unknown[]): number => Math.min(...(args as number[]));

/** json-logic-js `in`: substring or array membership; false for anything else, "" included. */
function contains(needle: unknown, haystack: unknown): boolean {
  if (!haystack) return false;
  if (typeof haystack === 'string') return haystack.indexOf(String(needle)) !== -1;
  if (Array.isArray(haystack)) return haystack.indexOf(needle) !== -1;
  return false;
}

/** json-logic-js `substr`: PHP-style, a negative length counts from the end. */
function substr(source: unknown, start: unknown, length: unknown): string {
  const text = String(source);
  const from = Number(start);
  if ((length as number) < 0) {
    const tail = text.substr(from);
    // `tail.length + length` exactly as json-logic-js writes it (a string length concatenates).
    return tail.substr(0, tail.length + (length as number));
  }
  return text.substr(from, length === undefined ? undefined : Number(length));
}

export const compatOperators: Record<string, OperatorSpec> = {
  '+': {
    method: (args) => args.reduce<number>(plusStep, 0),
    compile: (data, state) => {
      // 0 + parseFloat(a) is parseFloat(a) (pf already maps -0 to 0): fold from the first.
      const args = asArgs(data);
      if (args.length === 0) return state.compile(['0']);
      return foldCode(state, plusStep, callCode(state, pf, [args[0]]), args.slice(1));
    },
    deterministic: true,
    lazy: false,
  },
  '*': {
    method: (args) => (args.length === 0 ? emptyProduct() : args.reduce(timesStep)),
    compile: (data, state) => {
      const args = asArgs(data);
      if (args.length === 0) return callCode(state, emptyProduct, []);
      return foldCode(state, timesStep, args[0], args.slice(1));
    },
    deterministic: true,
    lazy: false,
  },
  '-': binary(minus),
  '/': binary(divide),
  '%': binary(modulo),
  '==': comparison('==', looseEq),
  '!=': comparison('!=', (a, b) => !looseEq(a, b)),
  '===': comparison('===', (a, b) => a === b),
  '!==': comparison('!==', (a, b) => a !== b),
  '>': comparison('>', gt),
  '>=': comparison('>=', ge),
  '<': between('<', lt),
  '<=': between('<=', le),
  max: variadic(max),
  min: variadic(min),
  in: binary(contains),
  // json-logic-js joins (null → ''); json-logic-engine's inline `'' + a + b`
  // prints null as "null" and is not parenthesised against a ternary argument.
  cat: variadic((...parts) => parts.join('')),
  substr: variadic(substr),
  // json-logic-js prints to the console; a server must not write rule data to
  // its log unasked, so `log` only passes its argument through.
  log: variadic((value) => value),
};
