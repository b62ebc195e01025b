// `x-pricing` on a definition (DESIGN §13, issue 6): which fields of a document
// carry the customer, the date and the priced lines, so the server can fill a
// line's default price (the customer's price group) and discount (the best
// active promotion) when the client leaves them out. Read once per definition
// version; a malformed block fails loudly rather than pricing silently wrong.
import { AppError } from '../errors';
import type { Definition } from '../definitions/index';

export interface PricingSpec {
  customerField: string;
  /** A `YYYY-MM-DD` field; promotions valid on that day apply. Absent data → today. */
  dateField: string;
  linesField: string;
  /** Besides admin, roles that may price below the list price or discount beyond the promotion. */
  overrideRoles: string[];
}

const specs = new WeakMap<Definition, PricingSpec | null>();

const isName = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v);

function parse(def: Definition): PricingSpec | null {
  const raw = (def as Definition & { 'x-pricing'?: unknown })['x-pricing'];
  if (raw === undefined) return null;
  const spec = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const roles = spec.overrideRoles ?? [];
  const fields = {
    customerField: spec.customerField ?? 'customer',
    dateField: spec.dateField ?? 'date',
    linesField: spec.linesField ?? 'lines',
  };
  if (!Object.values(fields).every(isName) || !Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    throw new AppError('INTERNAL', `Definition ${def.key} v${def.version} has a malformed x-pricing block.`);
  }
  return { ...(fields as Omit<PricingSpec, 'overrideRoles'>), overrideRoles: roles };
}

export function pricingSpec(def: Definition): PricingSpec | null {
  if (!specs.has(def)) specs.set(def, parse(def));
  return specs.get(def) ?? null;
}
