// Explains a level's `when` for the approval record, the history and the explain
// endpoint: a readable form of the rule, the values of the paths it reads, and for
// a top-level `or`/`and` which parts held ("total ≥ 100000: no; credit level = C:
// yes"). The verdict itself comes from the compiled rule; the parts are only
// interpreted (json-logic-engine's `run`), so explaining builds no rule.
import type { JsonLogic } from '../definitions/index';
import {
  ruleHolds,
  truthy,
  readVar,
  normalizeRule,
  ruleEngine,
  ruleVars,
  type CompiledRule,
  type RuleContext,
} from '../rules/index';
import type { RuleExplanation } from './types';

const INFIX: Record<string, string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '==': '=',
  '===': '=',
  '!=': '≠',
  '!==': '≠',
  '+': '+',
  '-': '−',
  '*': '×',
  '/': '÷',
  in: 'in',
};

const isOperation = (logic: JsonLogic): logic is { [op: string]: JsonLogic } =>
  logic !== null && typeof logic === 'object' && !Array.isArray(logic) && Object.keys(logic).length === 1;

const argsOf = (value: JsonLogic): JsonLogic[] => (Array.isArray(value) ? value : [value]);

/** A readable one-line form of a rule: `data.total ≥ 10000 or related.customer.creditLevel = "C"`. */
export function formatRule(logic: JsonLogic, nested = false): string {
  if (!isOperation(logic)) return JSON.stringify(logic);
  const [op] = Object.keys(logic);
  const args = argsOf(logic[op]);
  if (op === 'var') return String(args[0]);
  const wrap = (text: string) => (nested ? `(${text})` : text);
  if (op === 'and' || op === 'or') return wrap(args.map((a) => formatRule(a, true)).join(` ${op} `));
  if (op === '!') return `not ${formatRule(args[0], true)}`;
  if (op === '!!') return formatRule(args[0], nested);
  if (INFIX[op] && args.length === 2)
    return wrap(`${formatRule(args[0], true)} ${INFIX[op]} ${formatRule(args[1], true)}`);
  if ((op === '<' || op === '<=') && args.length === 3) {
    return wrap(
      `${formatRule(args[0], true)} ${INFIX[op]} ${formatRule(args[1], true)} ${INFIX[op]} ${formatRule(args[2], true)}`,
    );
  }
  return `${op}(${args.map((a) => formatRule(a)).join(', ')})`;
}

function varsOf(logic: JsonLogic, context: RuleContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of ruleVars(logic)) {
    if (path.includes('[]')) continue; // per-line paths have no single value
    out[path] = readVar(context, path);
  }
  return out;
}

function clausesOf(logic: JsonLogic, context: RuleContext): RuleExplanation['clauses'] {
  if (!isOperation(logic)) return undefined;
  const [op] = Object.keys(logic);
  if (op !== 'or' && op !== 'and') return undefined;
  return argsOf(logic[op]).map((clause) => ({
    text: formatRule(clause),
    holds: truthy(ruleEngine.run(normalizeRule(clause), context)),
  }));
}

/** Explains one level's `when` (null: always applies) against a rule context. */
export function explainRule(
  when: JsonLogic | undefined,
  compiled: CompiledRule | null,
  context: RuleContext,
): RuleExplanation {
  if (when === undefined || compiled === null) {
    return { rule: null, holds: true, text: '(always)', vars: {} };
  }
  const clauses = clausesOf(when, context);
  return {
    rule: when,
    holds: ruleHolds(compiled, context),
    text: formatRule(when),
    vars: varsOf(when, context),
    ...(clauses ? { clauses } : {}),
  };
}
