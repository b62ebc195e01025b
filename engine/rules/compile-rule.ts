// Rules are compiled to JS functions once per definition version (a RuleSet per
// version) and only called on the request path. Every rule — guard, approval
// `when`, computed field, row filter — is called with one context:
//   { data, doc, user, now, related }  (+ `line` for per-line computed fields)
import { AppError } from '../errors';
import type { JsonLogic } from '../definitions/types';
import { normalizeRule } from './normalize';
import { ruleEngine, truthy } from './rule-engine';

export interface RuleContext {
  /** The document's data: `{"var": "data.total"}`. */
  data: unknown;
  /** Its envelope: id, number, state, createdBy… */
  doc?: unknown;
  /** The caller: id, username, roles. */
  user?: unknown;
  /** ISO date-time of the request. */
  now?: unknown;
  /** Referenced documents the definition asks for: `related.customer.creditLevel`. */
  related?: unknown;
  /** The current line, for per-line computed fields (`lines[].amount`). */
  line?: unknown;
}

export type CompiledRule = (context: RuleContext) => unknown;

let builds = 0;

/** How many rules have been built since start: a test proves the request path builds none. */
export const ruleBuildCount = (): number => builds;

function describeThrown(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'number' && Number.isNaN(err)) return 'not a number';
  if (err && typeof err === 'object' && 'type' in err) {
    const { type, key } = err as { type: unknown; key?: unknown };
    return key === undefined ? String(type) : `${String(type)}: ${String(key)}`;
  }
  return String(err);
}

/**
 * Builds one rule (not cached: use a RuleSet). A rule that does not compile
 * (unknown operator, malformed arguments) is a VALIDATION_FAILED naming `path`,
 * so publishing the definition fails with 422. A rule that throws while
 * evaluating becomes RULE_FAILED.
 */
export function compileRule(logic: JsonLogic, { path = '' }: { path?: string } = {}): CompiledRule {
  const own = normalizeRule(logic);
  let fn: (context: RuleContext) => unknown;
  builds++;
  try {
    fn = ruleEngine.build(own) as (context: RuleContext) => unknown;
  } catch (err) {
    const message = `Invalid rule: ${describeThrown(err)}`;
    throw new AppError('VALIDATION_FAILED', message, { errors: [{ path, message }], cause: err });
  }
  return (context) => {
    try {
      return fn(context);
    } catch (err) {
      throw new AppError('RULE_FAILED', `Rule could not be evaluated: ${describeThrown(err)}`, { cause: err });
    }
  };
}

/** Whether a rule holds, with JSON-Logic truthiness ([] is false). */
export const ruleHolds = (rule: CompiledRule, context: RuleContext): boolean => truthy(rule(context));

export interface RuleSet {
  /** The compiled rule, built on first sight of this logic (by JSON text) and cached. */
  compile(logic: JsonLogic, options?: { path?: string }): CompiledRule;
  readonly size: number;
}

/** One per definition version: identical rules across guards and levels are built once. */
export function createRuleSet(): RuleSet {
  const cache = new Map<string, CompiledRule>();
  return {
    compile(logic, options) {
      const key = JSON.stringify(logic) ?? 'undefined';
      let rule = cache.get(key);
      if (!rule) {
        rule = compileRule(logic, options);
        cache.set(key, rule);
      }
      return rule;
    },
    get size() {
      return cache.size;
    },
  };
}

export { truthy };
