// Every number a document stores is bounded, so no input can overflow the sums
// and products computed from it (1e308 × 5000 is Infinity, which no rule can
// compare): money |x| < 10^12 with at most 2 decimals, quantities |x| < 10^9 with
// at most 3, and any other number |x| < 10^12. Which kind a field is comes from
// numberKindOf (engine/money/kind.ts: its name, unless the schema says
// `x-number: "money" | "quantity" | "number"`). Added when a data schema is compiled
// (closeSchema), so definitions and plugins get it without a change.
import type { default as Ajv2020 } from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv';
import { Dec, numberKindOf } from '../money/index';
import type { JsonSchema } from './types';

export const MONEY_LIMIT = 1e12;
export const QUANTITY_LIMIT = 1e9;

interface Bounds {
  limit: number;
  decimals?: number;
}

function boundsFor(name: string, node: JsonSchema): Bounds {
  const kind = numberKindOf(name, node);
  if (kind === 'quantity') return { limit: QUANTITY_LIMIT, decimals: 3 };
  if (kind === 'money') return { limit: MONEY_LIMIT, decimals: 2 };
  return { limit: MONEY_LIMIT };
}

const isNumberNode = (node: JsonSchema): boolean =>
  node.type === 'number' ||
  node.type === 'integer' ||
  (Array.isArray(node.type) && (node.type.includes('number') || node.type.includes('integer')));

/** The property's schema with its bounds added (a no-op for non-numbers). */
export function withNumberBounds(name: string, node: JsonSchema): JsonSchema {
  if (!isNumberNode(node) || 'x-bounds' in node) return node;
  return { ...node, 'x-bounds': boundsFor(name, node) };
}

// instancePath and schemaPath are left out: ajv fills them in for the data at hand.
type BoundsError = Omit<ErrorObject, 'instancePath' | 'schemaPath'>;

function checkBounds(bounds: Bounds, data: unknown): BoundsError | null {
  if (typeof data !== 'number') return null; // `type` reports it
  const base = { keyword: 'x-bounds', params: { ...bounds } };
  // `params.reason` picks the message (engine/messages/schema-errors.ts renders it in the caller's language).
  if (!Number.isFinite(data) || Math.abs(data) >= bounds.limit) {
    return {
      ...base,
      params: { ...bounds, reason: 'too_large' },
      message: `must be less than ${bounds.limit.toExponential()} in absolute value`,
    };
  }
  if (bounds.decimals !== undefined && new Dec(data).decimalPlaces() > bounds.decimals) {
    return {
      ...base,
      params: { ...bounds, reason: 'decimals' },
      message: `allows at most ${bounds.decimals} decimal places`,
    };
  }
  return null;
}

export function addNumberBoundsKeywords(ajv: Ajv2020): void {
  ajv.addKeyword({ keyword: 'x-number', metaSchema: { enum: ['money', 'quantity', 'number'] } });
  ajv.addKeyword({
    keyword: 'x-bounds',
    metaSchema: {
      type: 'object',
      properties: { limit: { type: 'number' }, decimals: { type: 'integer' } },
      required: ['limit'],
    },
    errors: true,
    validate: function validate(this: unknown, bounds: Bounds, data: unknown): boolean {
      const error = checkBounds(bounds, data);
      (validate as { errors?: BoundsError[] }).errors = error ? [error] : [];
      return error === null;
    },
  });
}
