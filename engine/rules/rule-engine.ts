// The one json-logic-engine instance every rule is compiled with. The synchronous
// LogicEngine is used: everything a rule may read (`related` documents included)
// is loaded before evaluation, so no operator needs to await, and sync compiled
// functions avoid a promise per evaluation.
import { LogicEngine } from 'json-logic-engine';
import type { OperatorSpec } from './build-state';
import { businessOperators } from './business-operators';
import { compatOperators } from './compat-operators';
import { dataOperators } from './data-operators';
import { normalizeOperators } from './normalize';

/** json-logic-js truthiness: [] is false; every object (even {}) is true. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return Boolean(value);
}

export const ruleOperators: Record<string, OperatorSpec> = {
  ...compatOperators,
  ...dataOperators,
  ...businessOperators,
  ...normalizeOperators,
};

function createRuleEngine(): LogicEngine {
  // Interpreted optimisation caches plans per logic object; we only ever build.
  // maxDepth: Infinity turns off json-logic-engine's check that a reduce
  // accumulator holds no nested objects (json-logic-js has none); rules are
  // written by the business's own admins, not by anonymous callers.
  const engine = new LogicEngine(undefined, { disableInterpretedOptimization: true, maxDepth: Infinity });
  // json-logic-engine treats {} as false; json-logic-js (and our rules) as true.
  engine.truthy = truthy;
  for (const [name, spec] of Object.entries(ruleOperators)) engine.addMethod(name, spec);
  return engine;
}

export const ruleEngine = createRuleEngine();
