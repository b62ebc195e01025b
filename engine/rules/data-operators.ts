// `var`, `missing` and `missing_some` with json-logic-js semantics: a dotted path
// walked one property at a time; an absent (undefined) value or a null/undefined
// parent gives the default (null), a null value is returned as null. Unlike
// json-logic-js, a value that is a function (only reachable through inherited
// members such as `constructor`) reads as null, so rules see data, never code.
import { asArgs, callCode, type BuildState, type OperatorSpec } from './build-state';

/** json-logic-js `var` on already-evaluated arguments. */
export function readVar(context: unknown, key: unknown, notFound: unknown = null): unknown {
  if (key === undefined || key === null || key === '') return context;
  let value: unknown = context;
  for (const prop of String(key).split('.')) {
    if (value === null || value === undefined) return notFound;
    value = (value as Record<string, unknown>)[prop];
    if (value === undefined) return notFound;
  }
  return typeof value === 'function' ? null : value;
}

const readVarArgs = (args: unknown[], context: unknown): unknown =>
  readVar(context, args[0], args[1] === undefined ? null : args[1]);

function compileVar(data: unknown, state: BuildState): object {
  const args = asArgs(data);
  const key = args[0];
  const fallback = args.length > 1 ? args[1] : null;
  if (key === undefined || key === null || key === '') return state.compile(['context']);
  if (typeof key !== 'string' && typeof key !== 'number') {
    // A computed path: evaluated per call, then walked.
    return callCode(state, readVar, [state.compile(['context']), key, fallback]);
  }
  // Inline property walk; optional chaining gives undefined for a null parent,
  // which json-logic-js also maps to the default. `prev` is the compiler's scratch
  // variable; it is read before the default (which may reuse it) is evaluated.
  const walk = String(key)
    .split('.')
    .map((prop) => `?.[${JSON.stringify(prop)}]`)
    .join('');
  return state.compile(
    [`(typeof (prev = context${walk}) === 'function' ? null : prev === undefined ? `, ' : prev)'],
    fallback,
  );
}

/** json-logic-js `missing`: the keys whose value is null, absent or "". */
export function missingKeys(args: unknown[], context: unknown): unknown[] {
  const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const missing: unknown[] = [];
  for (const key of keys) {
    const value = readVar(context, key);
    if (value === null || value === '') missing.push(key);
  }
  return missing;
}

/** json-logic-js `missing_some`: [] when at least `need` of the keys are present, else the missing ones. */
function missingSome(args: unknown[], context: unknown): unknown[] {
  const [needCount, options] = args;
  const missing = missingKeys(asArgs(options), context);
  const given = Array.isArray(options) ? options.length : Number.NaN;
  return given - missing.length >= (needCount as number) ? [] : missing;
}

export const dataOperators: Record<string, OperatorSpec> = {
  var: {
    method: readVarArgs,
    compile: compileVar,
    // Depends on the context: never folded at build time.
    deterministic: false,
    lazy: false,
  },
  missing: {
    method: missingKeys,
    compile: (data, state) => callCode(state, missingKeys, [asArgs(data), state.compile(['context'])]),
    deterministic: false,
    lazy: false,
  },
  missing_some: {
    method: missingSome,
    compile: (data, state) => callCode(state, missingSome, [asArgs(data), state.compile(['context'])]),
    deterministic: false,
    lazy: false,
  },
};
