// Computed fields (DESIGN §4): evaluated on the server after every write, in the
// definition's order, so `total` can sum the `lines[].amount` computed before it.
// Values the client sent for computed fields are dropped first: the client may
// preview, the server decides.
//
// `field` is `total` (a data path, dots allowed) or `lines[].amount` (one field
// per line: the rule sees the usual context plus `line`). Numbers are rounded
// half-up to 2 places (or the entry's `decimals`); arithmetic inside rules is
// decimal-exact (engine/money/exact-arithmetic.ts), so a 1,000-line total is the
// exact decimal sum. A rule giving null, undefined or NaN leaves the field absent
// (e.g. a line without a price yet), so schema validation reports it; one giving
// ±Infinity (an overflow) is a 422 on that field: a value that cannot be computed
// is never silently missing, or rules reading it (approval bands) would skip it.
import { AppError } from '../errors';
import { fieldError, renderMessage } from '../messages/index';
import type { ComputedField } from '../definitions/index';
import { exactRound } from '../money/index';
import { createRuleSet, type CompiledRule, type RuleContext, type RuleSet } from '../rules/index';
import { messageError } from '../messages/index';

export type ComputedSpec = ComputedField & {
  /** Decimal places numbers are rounded to (half-up); default 2 (money). */
  decimals?: number;
};

type Data = Record<string, unknown>;
/** The rule context without `data` (which is the document being computed) and `line`. */
export type ComputedContext = Omit<RuleContext, 'data' | 'line'>;

export interface CompiledComputed {
  /** The computed `field`s, in evaluation order. */
  readonly fields: readonly string[];
  /** A new data object: computed fields dropped, then recomputed. `data` is not modified. */
  apply(data: Data, context: ComputedContext): Data;
}

interface Target {
  /** Path of the array (`['lines']`) for a per-line field, else null. */
  array: string[] | null;
  /** Path of the field: in the data, or in each line. */
  field: string[];
}

const NAME = '[A-Za-z_$][\\w$]*';
const FIELD = new RegExp(`^${NAME}(?:\\.${NAME})*(?:\\[\\]\\.${NAME}(?:\\.${NAME})*)?$`);

function parseTarget(field: string, index: number): Target {
  if (!FIELD.test(field)) {
    const error = fieldError(`/computed/${index}/field`, 'VALIDATION_FAILED.computed_field_path', { field });
    throw messageError('VALIDATION_FAILED.computed_field_path', { field }, { errors: [error] });
  }
  const [arrayPart, linePart] = field.split('[].');
  return linePart === undefined
    ? { array: null, field: arrayPart.split('.') }
    : { array: arrayPart.split('.'), field: linePart.split('.') };
}

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

function getPath(root: Data, path: string[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

function deletePath(root: Data, path: string[]): void {
  const parent = getPath(root, path.slice(0, -1));
  if (isObject(parent)) delete parent[path[path.length - 1]];
}

/** Sets a value, creating missing parent objects; `undefined` removes the field. */
function setPath(root: Data, path: string[], value: unknown): void {
  if (value === undefined) return deletePath(root, path);
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Data;
  }
  node[path[path.length - 1]] = value;
}

function uncomputable(path: string): AppError {
  const error = fieldError(path, 'VALIDATION_FAILED.uncomputable');
  return new AppError('VALIDATION_FAILED', `${path} ${renderMessage('VALIDATION_FAILED.uncomputable', 'en')}`, {
    key: 'VALIDATION_FAILED.uncomputable',
    errors: [error],
  });
}

function finish(value: unknown, decimals: number, path: () => string): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number') return value;
  // NaN comes from a missing input (a line without a price yet): left absent as before.
  if (Number.isNaN(value)) return undefined;
  if (!Number.isFinite(value)) throw uncomputable(path());
  const rounded = exactRound(value, decimals);
  // -0.001 rounds to -0; store plain 0.
  return rounded === 0 ? 0 : rounded;
}

interface Step {
  target: Target;
  rule: CompiledRule;
  decimals: number;
}

function lines(data: Data, array: string[]): Data[] {
  const list = getPath(data, array);
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** Once per definition version. `ruleSet` shares compiled rules with the version's other rules. */
export function compileComputed(
  def: { computed?: ComputedSpec[] } | ComputedSpec[],
  ruleSet: RuleSet = createRuleSet(),
): CompiledComputed {
  const specs = Array.isArray(def) ? def : (def.computed ?? []);
  const steps: Step[] = specs.map((spec, i) => ({
    target: parseTarget(spec.field, i),
    rule: ruleSet.compile(spec.logic, { path: `/computed/${i}/logic` }),
    decimals: spec.decimals ?? 2,
  }));

  return {
    fields: specs.map((s) => s.field),
    apply(data, context) {
      const out = structuredClone(data);
      for (const { target } of steps) {
        if (target.array === null) deletePath(out, target.field);
        else for (const line of lines(out, target.array)) deletePath(line, target.field);
      }
      // One context object for the whole pass: rules are pure, and `data` is the
      // object being filled in, so later fields see earlier results.
      const ctx: RuleContext = { ...context, data: out, line: undefined };
      for (const { target, rule, decimals } of steps) {
        if (target.array === null) {
          setPath(
            out,
            target.field,
            finish(rule(ctx), decimals, () => `/${target.field.join('/')}`),
          );
          continue;
        }
        const array = target.array;
        const list = getPath(out, array) as unknown[];
        for (const line of lines(out, array)) {
          ctx.line = line;
          const at = () => `/${[...array, String(list.indexOf(line)), ...target.field].join('/')}`;
          setPath(line, target.field, finish(rule(ctx), decimals, at));
        }
        ctx.line = undefined;
      }
      return out;
    },
  };
}

const compiledByDefinition = new WeakMap<readonly ComputedSpec[], CompiledComputed>();

/**
 * compileComputed + apply, compiling once per `computed` array (a loaded
 * definition version's array is never mutated, so its identity is the version).
 */
export function applyComputed(definitionComputed: ComputedSpec[], data: Data, context: ComputedContext): Data {
  let compiled = compiledByDefinition.get(definitionComputed);
  if (!compiled) {
    compiled = compileComputed(definitionComputed);
    compiledByDefinition.set(definitionComputed, compiled);
  }
  return compiled.apply(data, context);
}
