// The public surface of engine/rules: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { readVar } from './data-operators';
export { addDays } from './business-operators';
export { normalizeRule } from './normalize';
export { ruleEngine, ruleOperators } from './rule-engine';
export { ruleVars } from './rule-vars';
export {
  compileRule,
  createRuleSet,
  ruleHolds,
  truthy,
  type CompiledRule,
  type RuleContext,
  type RuleSet,
} from './compile-rule';
export { brokenInputs } from './fail-closed';
export { lookupsNamedByVisibility } from './visibility-lookups';
