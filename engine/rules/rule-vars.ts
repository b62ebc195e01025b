// Every data path a rule reads, for the definition linter. Paths are relative to
// the rule context (`data.total`, `related.customer.creditLevel`, `line.qty`).
// Inside map/filter/all/some/none/reduce and `sum`, the item's fields are written
// `<array path>[].<field>` (`data.lines[].qty`); a reduce's `accumulator` is not
// a data path. Computed paths (`{"var": {"cat": …}}`) and item references whose
// array cannot be named statically are left out: the linter cannot check them.
import type { JsonLogic } from '../definitions/index';
import { AS_ARRAY } from './normalize';

const ITERATORS = new Set(['map', 'filter', 'all', 'some', 'none']);

/** How `var` paths map to context paths in the current scope. */
interface Scope {
  /** Prefix for plain item paths (`data.lines[]`), '' at the top, null when unknown. */
  item: string | null;
  /** Inside reduce: `current` is the item, `accumulator` is not data. */
  reduce: boolean;
}

const TOP: Scope = { item: '', reduce: false };

const join = (prefix: string, path: string): string =>
  prefix === '' ? path : path === '' ? prefix : `${prefix}.${path}`;

function resolve(path: string, scope: Scope): string | null {
  if (scope.item === null) return null;
  if (!scope.reduce) return path === '' ? (scope.item === '' ? null : scope.item) : join(scope.item, path);
  if (path === 'current') return scope.item;
  if (path.startsWith('current.')) return join(scope.item, path.slice('current.'.length));
  return null;
}

/** The array an iterator walks, as an item prefix: `data.lines` → `data.lines[]`. */
function arrayItemPrefix(source: JsonLogic, scope: Scope): string | null {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return null;
  const [op] = Object.keys(source);
  const args = (source as Record<string, JsonLogic>)[op];
  if (op === 'var') {
    const key = Array.isArray(args) ? args[0] : args;
    if (typeof key !== 'string' && typeof key !== 'number') return null;
    const path = resolve(String(key), scope);
    return path === null ? null : `${path}[]`;
  }
  // filter and the internal array guard keep the items of their source.
  if ((op === 'filter' || op === AS_ARRAY) && Array.isArray(args)) return arrayItemPrefix(args[0], scope);
  return null;
}

function collect(logic: JsonLogic, scope: Scope, out: Set<string>): void {
  if (Array.isArray(logic)) {
    for (const item of logic) collect(item, scope, out);
    return;
  }
  if (logic === null || typeof logic !== 'object') return;
  const keys = Object.keys(logic);
  if (keys.length !== 1) return;
  const op = keys[0];
  const args = logic[op];
  const list = Array.isArray(args) ? args : [args];

  if (op === 'var') {
    const key = list[0];
    if (typeof key === 'string' || typeof key === 'number') {
      const path = resolve(String(key), scope);
      if (path !== null) out.add(path);
    } else {
      collect(key, scope, out);
    }
    collect(list.slice(1), scope, out);
    return;
  }
  if (op === 'missing' || op === 'missing_some') {
    const keysArg = op === 'missing' ? (Array.isArray(list[0]) ? list[0] : list) : list[1];
    for (const key of Array.isArray(keysArg) ? keysArg : [keysArg]) {
      if (typeof key === 'string') {
        const path = resolve(key, scope);
        if (path !== null) out.add(path);
      } else {
        collect(key, scope, out);
      }
    }
    return;
  }
  if (ITERATORS.has(op) || op === 'reduce') {
    collect(list[0], scope, out);
    const item = arrayItemPrefix(list[0], scope);
    collect(list[1], { item, reduce: op === 'reduce' }, out);
    collect(list.slice(2), scope, out);
    return;
  }
  if (op === 'sum') {
    collect(list[0], scope, out);
    const item = arrayItemPrefix(list[0], scope);
    if (item !== null && typeof list[1] === 'string' && list[1] !== '') out.add(`${item}.${list[1]}`);
    else collect(list.slice(1), scope, out);
    return;
  }
  if (op === 'preserve') return;
  collect(list, scope, out);
}

/** Context paths the rule reads, in first-seen order, without duplicates. */
export function ruleVars(logic: JsonLogic): string[] {
  const out = new Set<string>();
  collect(logic, TOP, out);
  return [...out];
}
