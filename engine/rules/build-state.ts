// The slice of json-logic-engine's compiler an operator's `compile` hook uses. The
// package ships no types for it: `state.compile` is a tagged template that
// compiles interpolated logic, inlines JSON literals, and turns an interpolated JS
// function into a reference to it inside the generated code.

import { Constants } from 'json-logic-engine';

/** Opaque piece of generated code. */
export type CompiledCode = object;

export interface BuildState {
  compile(strings: readonly string[], ...items: unknown[]): CompiledCode;
}

export type CompileHook = (data: unknown, state: BuildState) => CompiledCode | false;

/** An operator as json-logic-engine's `addMethod` takes it, plus the `compile` hook it honours. */
export interface OperatorSpec {
  /** Interpreted path (constant folding at build time, dynamic arguments). Receives evaluated arguments. */
  method: (args: unknown[], context: unknown) => unknown;
  compile: CompileHook;
  /** True when the result depends only on the arguments (lets the compiler fold constants). */
  deterministic: boolean;
  lazy: false;
}

/** Arguments as json-logic-js sees them: a non-array operand is one argument. */
export const asArgs = (data: unknown): unknown[] => (Array.isArray(data) ? data : [data]);

type Fn = (...args: never[]) => unknown;

/**
 * The compiler awaits any interpolated function not marked synchronous (and then
 * builds an async rule); ours all are.
 */
function markSync(fn: Fn): Fn {
  if (!Object.hasOwn(fn, Constants.Sync)) Object.defineProperty(fn, Constants.Sync, { value: true });
  return fn;
}

/** Generated code `fn(arg0, arg1, …)`; arguments are compiled logic or literals. */
export function callCode(state: BuildState, fn: Fn, args: readonly unknown[]): CompiledCode {
  markSync(fn);
  const strings = args.length === 0 ? ['', '()'] : ['', '(', ...Array<string>(args.length - 1).fill(', '), ')'];
  return state.compile(strings, fn, ...args);
}

/** The literal `undefined` in generated code (an absent argument). */
export const undefinedCode = (state: BuildState): CompiledCode => state.compile(['undefined']);
