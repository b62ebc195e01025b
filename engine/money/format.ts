// Display formatting for prints and exports. Done on strings from decimal.js, not
// toLocaleString, so the output does not depend on the ICU data Node was built with.
import { Dec, toDec, type MoneyInput } from './decimal';

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface MoneyFormat {
  /** Put before the digits, after the minus sign: `¥` → `-¥1,234.50`. Default none. */
  symbol?: string;
  /** Default 2. */
  decimals?: number;
}

/** 12345.675 → `12,345.68` (half-up); with `{symbol: '¥'}` → `¥12,345.68`. */
export function formatMoney(value: MoneyInput, { symbol = '', decimals = 2 }: MoneyFormat = {}): string {
  const fixed = toDec(value).toFixed(decimals, Dec.ROUND_HALF_UP);
  const negative = fixed.startsWith('-');
  const unsigned = negative ? fixed.slice(1) : fixed;
  const [integer = '0', fraction] = unsigned.split('.');
  // -0.001 rounds to 0.00: no minus sign on a zero amount.
  const isZero = /^[0.]*$/.test(unsigned);
  const body = groupThousands(integer) + (fraction === undefined ? '' : `.${fraction}`);
  return `${negative && !isZero ? '-' : ''}${symbol}${body}`;
}

/** Quantities: up to `decimals` (3) places, no trailing zeros: 2.500 → `2.5`, 3 → `3`. */
export function formatQty(value: MoneyInput, decimals = 3): string {
  const d = toDec(value).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
  // toFixed() without places prints the value as is (no exponent), without trailing zeros.
  return d.isZero() ? '0' : d.toFixed();
}
