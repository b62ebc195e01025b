// Which fields a form hides for the data typed so far: each field's
// `ui:options.visibleWhen` evaluated by the engine's own rule evaluator over
// `{data, lookup}`, as guards and approval rules are (`lookup` holds the figures the
// engine answers for the draft, visibility-lookups.ts). A rule that cannot be
// evaluated shows its field (hiding a field by mistake would hide data).
import { compileRule, truthy } from '../../../engine/rules/index';
import type { JsonLogic } from '../../../engine/definitions/index';

type UiNode = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a field shows for the data typed so far and the lookup figures known (none yet: `{}`). */
export type ShownRule = (data: unknown, lookup?: Record<string, unknown>) => boolean;

export function visibilityRules(ui: UiNode | undefined): Array<[string, ShownRule]> {
  const out: Array<[string, ShownRule]> = [];
  for (const [key, node] of Object.entries(ui ?? {})) {
    if (key.startsWith('ui:') || !isObject(node) || !isObject(node['ui:options'])) continue;
    const logic = node['ui:options'].visibleWhen as JsonLogic | undefined;
    if (logic === undefined) continue;
    try {
      const rule = compileRule(logic, { path: `/uiSchema/${key}/ui:options/visibleWhen` });
      out.push([
        key,
        (data, lookup) => {
          try {
            return truthy(rule({ data: data ?? {}, lookup: lookup ?? {} }));
          } catch {
            return true;
          }
        },
      ]);
    } catch {
      // Not a rule the engine accepts: the linter names it; the field stays visible.
    }
  }
  return out;
}

export function hiddenFields(ui: UiNode | undefined, data: unknown, lookup?: Record<string, unknown>): Set<string> {
  return new Set(visibilityRules(ui).flatMap(([key, shown]) => (shown(data, lookup) ? [] : [key])));
}

/**
 * Drops client validation errors on fields the form hides, so a hidden required
 * field does not block saving (the server still checks what it requires). An
 * error's `property` is `name` or `.name.sub` (rjsf's ajv8 validator).
 */
export function withoutHidden<E extends { property?: string }>(errors: E[], hidden: Set<string>): E[] {
  if (hidden.size === 0) return errors;
  return errors.filter((e) => !hidden.has((e.property ?? '').replace(/^\./, '').split('.')[0]));
}
