// Computed fields (line amount, total, due date) previewed in the browser as the
// user types, with the engine's own rule evaluator and decimal rounding
// (engine/rules, engine/money: the same JSON-Logic operators, decimal-exact
// arithmetic, half-up to 2 places). It follows engine/documents/computed.ts:
// fields in the definition's order, `lines[].x` once per line with `line` in the
// context, a null/NaN result leaves the field empty. The server recomputes on
// save and its answer is what is stored.
import { compileRule, type CompiledRule } from '../../../engine/rules/index';
import { exactRound } from '../../../engine/money/index';
import type { Definition } from '../api/types';

type Data = Record<string, unknown>;

interface Step {
  array: string | null;
  field: string;
  rule: CompiledRule;
  decimals: number;
}

const compiled = new WeakMap<object, Step[]>();

function stepsOf(definition: Definition): Step[] {
  const specs = definition.computed ?? [];
  let steps = compiled.get(specs);
  if (!steps) {
    steps = specs.map((spec, i) => {
      const [head, line] = spec.field.split('[].');
      const decimals = (spec as { decimals?: number }).decimals ?? 2;
      const rule = compileRule(spec.logic, { path: `/computed/${i}/logic` });
      return line === undefined
        ? { array: null, field: head, rule, decimals }
        : { array: head, field: line, rule, decimals };
    });
    compiled.set(specs, steps);
  }
  return steps;
}

function finish(value: unknown, decimals: number): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) return undefined;
  const rounded = exactRound(value, decimals);
  return rounded === 0 ? 0 : rounded;
}

function put(target: Data, field: string, value: unknown): void {
  if (value === undefined) delete target[field];
  else target[field] = value;
}

export function previewComputed(definition: Definition, data: Data): Data {
  if (!definition.computed?.length) return data;
  try {
    const out = structuredClone(data);
    const context: { data: Data; line?: unknown } = { data: out };
    for (const step of stepsOf(definition)) {
      if (step.array === null) {
        put(out, step.field, finish(step.rule(context), step.decimals));
        continue;
      }
      const lines = Array.isArray(out[step.array]) ? (out[step.array] as unknown[]) : [];
      for (const line of lines) {
        if (typeof line !== 'object' || line === null) continue;
        context.line = line;
        put(line as Data, step.field, finish(step.rule(context), step.decimals));
      }
      context.line = undefined;
    }
    return out;
  } catch (err) {
    // A half-typed form may not evaluate; the server is the judge anyway.
    console.warn('computed preview failed', err);
    return data;
  }
}
