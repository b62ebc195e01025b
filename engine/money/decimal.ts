// The one decimal.js configuration money code uses. A clone, so no other module's
// Decimal.set() can change how amounts round. 40 significant digits is far beyond
// any amount (2^53 cents ≈ 9×10^13 yuan) times any quantity a document holds.
import { Decimal } from 'decimal.js';

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

export type MoneyInput = number | string | Dec;

/**
 * Reads a number, a numeric string or a Decimal. A JS number is read as the
 * shortest decimal that prints as it (0.1 is 0.1, not 0.1000000000000000055…),
 * which is what a user typed.
 */
export function toDec(value: MoneyInput): Dec {
  if (value instanceof Dec) return value;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`Not a finite amount: ${value}`);
  }
  if (typeof value === 'string' && value.trim() === '') throw new RangeError('Not an amount: empty string');
  const d = new Dec(typeof value === 'string' ? value.trim() : value);
  if (!d.isFinite()) throw new RangeError(`Not a finite amount: ${String(value)}`);
  return d;
}
