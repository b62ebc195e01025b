// A rule whose numeric inputs are broken must not decide in the caller's favour:
// `{">=": [{"var": "data.total"}, 10000]}` is false when the total is missing or
// NaN, which would skip an approval level, and a guard comparing with NaN could
// pass a branch it should not. So before trusting a guard or an approval `when`,
// the inputs it does arithmetic or comparisons on are checked; when one is
// missing (a `data.` path without a default) or not a finite number, the guard
// refuses and the level applies. Inputs the rule only tests for presence
// (`{"!": {"var": "related.customer.creditLimit"}}`) are left to the rule.
import type { JsonLogic } from '../definitions/index';
import { readVar } from './data-operators';

const COMPARISON = new Set(['<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'min', 'max', 'round', 'round2']);

interface NumericInput {
  path: string;
  hasDefault: boolean;
}

const cache = new WeakMap<object, NumericInput[]>();

function operands(logic: JsonLogic, out: NumericInput[]): void {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return;
  const [op] = Object.keys(logic);
  const value = (logic as Record<string, JsonLogic>)[op];
  if (op === 'var') {
    const args = Array.isArray(value) ? value : [value];
    if (typeof args[0] === 'string' && /^(data|related|doc)\./.test(args[0]))
      out.push({ path: args[0], hasDefault: args.length > 1 });
    return;
  }
  if (!ARITHMETIC.has(op)) return;
  for (const arg of Array.isArray(value) ? value : [value]) operands(arg, out);
}

function walk(logic: JsonLogic, out: NumericInput[]): void {
  if (Array.isArray(logic)) {
    for (const item of logic) walk(item, out);
    return;
  }
  if (logic === null || typeof logic !== 'object') return;
  const keys = Object.keys(logic);
  if (keys.length !== 1) return;
  const op = keys[0];
  const value = (logic as Record<string, JsonLogic>)[op];
  // Inside iterators `var` is relative to the item: those are not context paths.
  if (['map', 'filter', 'reduce', 'all', 'some', 'none'].includes(op)) return;
  if (COMPARISON.has(op)) {
    for (const arg of Array.isArray(value) ? value : [value]) operands(arg, out);
  }
  walk(value, out);
}

function numericInputs(logic: JsonLogic): NumericInput[] {
  if (logic === null || typeof logic !== 'object') return [];
  let found = cache.get(logic);
  if (!found) {
    found = [];
    walk(logic, found);
    cache.set(logic, found);
  }
  return found;
}

/** The numeric inputs of `logic` that are missing or not finite in `context`; empty when the rule may be trusted. */
export function brokenInputs(logic: JsonLogic | undefined, context: unknown): string[] {
  if (logic === undefined) return [];
  const broken: string[] = [];
  for (const { path, hasDefault } of numericInputs(logic)) {
    const value = readVar(context, path, undefined);
    if (value === undefined || value === null) {
      if (!hasDefault && path.startsWith('data.')) broken.push(path);
      continue;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) broken.push(path);
  }
  return broken;
}
