// Rules are compiled to JS functions once per definition version (a RuleSet per
// version) and only called on the request path. Every rule — guard, approval
// `when`, computed field, row filter — is called with one context:
//   { data, doc, user, now, related }  (+ `line` for per-line computed fields)
//
// Semantics are json-logic-js's (the 278 shared cases, and a differential test
// against json-logic-js on random rules), compiled by json-logic-engine 5 with the
// operators it implements differently replaced (compat-operators.ts,
// data-operators.ts, normalize.ts). Where results differ from json-logic-js:
// 1. + − × ÷ % are decimal-exact: {"+": [0.1, 0.2]} is 0.3, not
//    0.30000000000000004, so a comparison on such a sum can differ too
//    ({"==": [{"+": [0.1, 0.2]}, 0.3]} is true).
// 2. {"and": []} and {"or": []} give null (json-logic-js: undefined).
// 3. Compile-time failures, i.e. when the definition is published: an unknown
//    operator, an object with several keys (json-logic-js reads it as a literal),
//    an array operator without its body ({"map": [x]}), and a constant
//    sub-expression that throws ({"*": []}) — the compiler evaluates constant
//    parts once, at build time.
// 4. `var` never yields a function: inherited members such as `constructor`
//    read as null.
// 5. `log` returns its argument without printing it.
// 6. Errors thrown while evaluating become AppError RULE_FAILED.
// 7. More operators exist: ours (sum, round2, round, add_days, terms_days — see
//    business-operators.ts) and json-logic-engine's extras (val, exists, ??, …).
import { fieldError, messageError } from '../messages/index';
import type { JsonLogic } from '../definitions/index';
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
  /** Declared lookups' figures over other documents: `lookup.bookings`. */
  lookup?: unknown;
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
    const reason = describeThrown(err);
    throw messageError(
      'VALIDATION_FAILED.rule_invalid',
      { reason },
      { errors: [fieldError(path, 'VALIDATION_FAILED.rule_invalid', { reason })], cause: err },
    );
  }
  return (context) => {
    try {
      return fn(context);
    } catch (err) {
      throw messageError('RULE_FAILED.rule_not_evaluable', { reason: describeThrown(err) }, { cause: err });
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
