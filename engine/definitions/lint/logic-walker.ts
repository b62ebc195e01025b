// Walks a JSON-Logic expression (json-logic-js semantics) and reports every
// `var` path with the scope it is read in: inside map/filter/all/some/none the
// scope is the array element, inside reduce it is {current, accumulator}.
// engine/rules' ruleVars lists the same paths but not where each one sits in the
// definition, which a finding needs (its JSON Pointer), hence this walker.
import type { JsonLogic, JsonSchema } from '../types';
import { ANY, itemsOf, resolvePath } from './schema-paths';

export interface VarUse {
  path: string;
  /** JSON Pointer of the `var` (or `missing`) argument inside the definition. */
  pointer: string;
  scope: JsonSchema;
}

export interface LogicVisitor {
  onVar?: (use: VarUse) => void;
  onOperator?: (op: string, pointer: string) => void;
}

const ITEM_SCOPED = new Set(['map', 'filter', 'all', 'some', 'none']);

const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

const isOp = (v: unknown): v is Record<string, JsonLogic> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;

/** The element schema of an array the logic reads with a plain `var`; ANY when unknown. */
function elementScope(arg: JsonLogic, scope: JsonSchema): JsonSchema {
  if (!isOp(arg) || !('var' in arg)) return ANY;
  const raw = Array.isArray(arg.var) ? arg.var[0] : arg.var;
  if (typeof raw !== 'string') return ANY;
  const r = resolvePath(scope, raw === '' ? [] : raw.split('.'));
  return r.ok ? itemsOf(r.schema) : ANY;
}

export function walkLogic(logic: JsonLogic, at: string, scope: JsonSchema, visitor: LogicVisitor): void {
  if (Array.isArray(logic)) {
    logic.forEach((item, i) => walkLogic(item, `${at}/${i}`, scope, visitor));
    return;
  }
  if (!isOp(logic)) return;
  const op = Object.keys(logic)[0];
  const raw = logic[op];
  const base = `${at}/${esc(op)}`;
  const args: JsonLogic[] = Array.isArray(raw) ? raw : [raw];
  const argAt = (i: number): string => (Array.isArray(raw) ? `${base}/${i}` : base);
  visitor.onOperator?.(op, base);

  if (op === 'var') {
    const path = args[0];
    if (typeof path === 'string' || typeof path === 'number') {
      visitor.onVar?.({ path: String(path), pointer: argAt(0), scope });
    } else {
      walkLogic(path, argAt(0), scope, visitor);
    }
    if (args.length > 1) walkLogic(args[1], argAt(1), scope, visitor);
    return;
  }
  if (op === 'missing' || op === 'missing_some') {
    const names = op === 'missing' ? args : args[1];
    const namesAt = op === 'missing' ? base : argAt(1);
    if (Array.isArray(names)) {
      names.forEach((n, i) => {
        if (typeof n === 'string') visitor.onVar?.({ path: n, pointer: `${namesAt}/${i}`, scope });
      });
    }
    return;
  }
  if (ITEM_SCOPED.has(op) && args.length >= 2) {
    walkLogic(args[0], argAt(0), scope, visitor);
    walkLogic(args[1], argAt(1), elementScope(args[0], scope), visitor);
    return;
  }
  // engine/rules' `sum`: {"sum": [array, "field"]} reads `field` of every element.
  if (op === 'sum') {
    walkLogic(args[0], argAt(0), scope, visitor);
    if (typeof args[1] === 'string' && args[1] !== '') {
      visitor.onVar?.({ path: args[1], pointer: argAt(1), scope: elementScope(args[0], scope) });
    } else {
      args.slice(1).forEach((arg, i) => walkLogic(arg, argAt(i + 1), scope, visitor));
    }
    return;
  }
  // `preserve` returns its argument as data: nothing inside it is read.
  if (op === 'preserve') return;
  if (op === 'reduce' && args.length >= 2) {
    walkLogic(args[0], argAt(0), scope, visitor);
    const inner: JsonSchema = {
      type: 'object',
      properties: { current: elementScope(args[0], scope), accumulator: ANY },
    };
    walkLogic(args[1], argAt(1), inner, visitor);
    if (args.length > 2) walkLogic(args[2], argAt(2), scope, visitor);
    return;
  }
  args.forEach((arg, i) => walkLogic(arg, argAt(i), scope, visitor));
}
