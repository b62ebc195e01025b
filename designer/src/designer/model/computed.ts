// Computed fields built from a form instead of typed JSON-Logic: a per-line product
// (amount = qty × price × (1 − discount)) and a sum over lines (total = Σ amount).
// Anything else is kept as written and shown as a formula.
import type { JsonLogic } from '../../../../engine/definitions/index';

export interface Factor {
  field: string;
  /** (1 − field), e.g. a discount rate. */
  complement?: boolean;
}

export type ComputedSpec =
  | { kind: 'line-product'; lines: string; target: string; factors: Factor[] }
  | { kind: 'sum'; target: string; lines: string; column: string }
  | { kind: 'custom'; field: string; logic: JsonLogic };

type Op = Record<string, JsonLogic>;
const isOp = (v: unknown): v is Op =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;
const v = (path: string): JsonLogic => ({ var: path });
const varOf = (x: JsonLogic): string | undefined => (isOp(x) && typeof x.var === 'string' ? x.var : undefined);

export function specField(spec: ComputedSpec): string {
  if (spec.kind === 'custom') return spec.field;
  return spec.kind === 'line-product' ? `${spec.lines}[].${spec.target}` : spec.target;
}

export function toComputed(spec: ComputedSpec): { field: string; logic: JsonLogic } {
  if (spec.kind === 'custom') return { field: spec.field, logic: spec.logic };
  if (spec.kind === 'sum') {
    return {
      field: spec.target,
      logic: { reduce: [v(`data.${spec.lines}`), { '+': [v('accumulator'), v(`current.${spec.column}`)] }, 0] },
    };
  }
  const factors = spec.factors.map((f) => (f.complement ? { '-': [1, v(`line.${f.field}`)] } : v(`line.${f.field}`)));
  return { field: specField(spec), logic: factors.length === 1 ? factors[0] : { '*': factors } };
}

function lineFactor(x: JsonLogic): Factor | undefined {
  const plain = varOf(x);
  if (plain?.startsWith('line.')) return { field: plain.slice(5) };
  if (isOp(x) && Array.isArray(x['-']) && x['-'].length === 2 && x['-'][0] === 1) {
    const inner = varOf(x['-'][1]);
    if (inner?.startsWith('line.')) return { field: inner.slice(5), complement: true };
  }
  return undefined;
}

/** Reads a computed entry back into the form it was built with; `custom` when it is anything else. */
export function fromComputed(entry: { field: string; logic: JsonLogic }): ComputedSpec {
  const custom: ComputedSpec = { kind: 'custom', field: entry.field, logic: entry.logic };
  const { field, logic } = entry;
  const perLine = /^([A-Za-z][A-Za-z0-9_]*)\[\]\.([A-Za-z][A-Za-z0-9_]*)$/.exec(field);
  if (perLine) {
    const parts = isOp(logic) && Array.isArray(logic['*']) ? logic['*'] : [logic];
    const factors = parts.map(lineFactor);
    if (factors.length === 0 || factors.some((f) => !f)) return custom;
    const spec: ComputedSpec = {
      kind: 'line-product',
      lines: perLine[1],
      target: perLine[2],
      factors: factors as Factor[],
    };
    return same(toComputed(spec).logic, logic) ? spec : custom;
  }
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(field) || !isOp(logic) || !Array.isArray(logic.reduce)) return custom;
  const [list, step] = logic.reduce;
  const lines = varOf(list);
  const plus = isOp(step) && Array.isArray(step['+']) ? step['+'] : [];
  const column = varOf(plus[1] ?? null);
  if (!lines?.startsWith('data.') || !column?.startsWith('current.')) return custom;
  const spec: ComputedSpec = { kind: 'sum', target: field, lines: lines.slice(5), column: column.slice(8) };
  return same(toComputed(spec).logic, logic) ? spec : custom;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
