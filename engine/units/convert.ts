// Units of measure. A product has a base unit (`unit`, e.g. 件) in which stock is
// kept, and alternative units (`units: [{unit, factor}]`, e.g. 箱 = 12 件). A
// document line may name the unit it was entered in (`unit`); stock effects,
// receipt checks and list prices convert it with the factor, exactly (decimal.js,
// never binary floats). A product marked `integralUnit` cannot be split below
// its base unit, so a line whose base quantity would be fractional is refused.
import Decimal from 'decimal.js';

export type ProductData = Record<string, unknown>;

/** A unit the line names: absent, empty or the product's own base unit are all "the base unit". */
const named = (unit: unknown): string | undefined =>
  typeof unit === 'string' && unit.trim() !== '' ? unit.trim() : undefined;

/** Base units per one `unit` of the product; null when the product does not know that unit. */
export function unitFactor(product: ProductData, unit: unknown): Decimal | null {
  const wanted = named(unit);
  if (wanted === undefined || wanted === product.unit) return new Decimal(1);
  const units = Array.isArray(product.units) ? (product.units as Array<Record<string, unknown>>) : [];
  const entry = units.find((u) => u && u.unit === wanted);
  const factor = entry?.factor;
  return typeof factor === 'number' && Number.isFinite(factor) && factor > 0 ? new Decimal(factor) : null;
}

/** The names a line may use for the product: the base unit first. */
export function knownUnits(product: ProductData): string[] {
  const units = Array.isArray(product.units) ? (product.units as Array<Record<string, unknown>>) : [];
  const base = typeof product.unit === 'string' ? [product.unit] : [];
  return [...base, ...units.map((u) => u?.unit).filter((u): u is string => typeof u === 'string')];
}

export type BaseQty =
  | { ok: true; qty: Decimal; factor: Decimal }
  | { ok: false; reason: 'unknown_unit' }
  | { ok: false; reason: 'fractional'; qty: Decimal };

/** Quantities are kept to thousandths (engine/inventory/quantity.ts): more is fractional too. */
const MAX_DECIMALS = 3;

/** `qty` entered in `unit`, in the product's base unit. */
export function toBaseQty(product: ProductData, qty: number | string, unit: unknown): BaseQty {
  const factor = unitFactor(product, unit);
  if (!factor) return { ok: false, reason: 'unknown_unit' };
  const base = new Decimal(qty).times(factor);
  const whole = product.integralUnit === true;
  if ((whole && !base.isInteger()) || base.decimalPlaces() > MAX_DECIMALS) {
    return { ok: false, reason: 'fractional', qty: base };
  }
  return { ok: true, qty: base, factor };
}
