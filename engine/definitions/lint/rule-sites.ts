// Every JSON-Logic expression a definition holds, with where it is and what it
// can read, so the checks on rules need not know the definition's layout.
import type { JsonLogic, JsonSchema } from '../types';
import { levelLists } from './approval-levels';
import { pointer, type LintContext } from './finding';
import { ruleScope } from './rule-scope';

export interface RuleSite {
  at: string;
  logic: JsonLogic;
  scope: JsonSchema;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function ruleSites({ def, options }: LintContext): RuleSite[] {
  const sites: RuleSite[] = [];
  const scope = ruleScope(def, options);
  (def.computed ?? []).forEach((c, i) => {
    sites.push({ at: pointer('computed', i, 'logic'), logic: c.logic, scope: ruleScope(def, options, c.field) });
  });
  def.transitions.forEach((t, i) => {
    if (t.guard) sites.push({ at: pointer('transitions', i, 'guard', 'logic'), logic: t.guard.logic, scope });
    const create = t.effectOptions?.['document.create'];
    if (isObject(create) && isObject(create.data)) {
      for (const [field, logic] of Object.entries(create.data)) {
        sites.push({
          at: pointer('transitions', i, 'effectOptions', 'document.create', 'data', field),
          logic: logic as JsonLogic,
          scope,
        });
      }
    }
  });
  // Change levels read the same context as transition levels (the changed data).
  for (const { levels, base } of levelLists(def)) {
    levels.forEach((level, j) => {
      if (level.when !== undefined) sites.push({ at: pointer(...base, j, 'when'), logic: level.when, scope });
    });
  }
  for (const [role, spec] of Object.entries(def.permissions ?? {})) {
    if (isObject(spec.read))
      sites.push({ at: pointer('permissions', role, 'read', 'filter'), logic: spec.read.filter, scope });
  }
  return sites;
}
