// Money helpers: every amount is computed through decimal.js and comes back as a JS
// number that prints exactly as its 2-decimal value (0.1 + 0.2 → 0.3). Rounding
// is half-up, away from zero at the half (1.005 → 1.01, -1.005 → -1.01), the
// convention of Chinese invoices and accounting software.
import { Dec, toDec, type MoneyInput } from './decimal';

export const MONEY_DECIMALS = 2;

/** Rounds half-up to `decimals` places (2 by default) and returns a number. */
export function roundMoney(value: MoneyInput, decimals = MONEY_DECIMALS): number {
  return toDec(value).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).toNumber();
}

/** Amount → integer cents (fen), rounding half-up. */
export function toCents(value: MoneyInput): number {
  const cents = toDec(value).times(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Amount too large for cents: ${String(value)}`);
  return cents;
}

/** Integer cents → amount; 1234 → 12.34. */
export function fromCents(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Cents must be a safe integer: ${cents}`);
  // Dividing an exact integer by 100 once is correctly rounded, so the result
  // prints as the 2-decimal value.
  return cents / 100;
}

/** Exact sum, rounded half-up to 2 places. Blank values (null, undefined, '') count as 0. */
export function sumMoney(values: Iterable<MoneyInput | null | undefined>): number {
  let total = new Dec(0);
  for (const value of values) {
    if (value === null || value === undefined || value === '') continue;
    total = total.plus(toDec(value));
  }
  return total.toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_HALF_UP).toNumber();
}

/** qty × price × factor (e.g. 1 − discount), exact, rounded half-up to 2 places. */
export function mulMoney(qty: MoneyInput, price: MoneyInput, factor: MoneyInput = 1): number {
  return toDec(qty)
    .times(toDec(price))
    .times(toDec(factor))
    .toDecimalPlaces(MONEY_DECIMALS, Dec.ROUND_HALF_UP)
    .toNumber();
}
