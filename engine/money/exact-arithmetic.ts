// Decimal-exact + − × ÷ % on JS numbers, for rule evaluation on the hot path.
// Each operand is read as the shortest decimal that prints as it (what the user
// typed: 0.1 is 0.1), the operation is done exactly on those decimals, and the
// exact result is returned as the nearest JS number — so 0.1 + 0.2 === 0.3 and
// 3 × 0.335 is 1.005, not 1.0050000000000001.
//
// The fast path scales both operands to integers (0.1 → 1 × 10^-1), operates on
// integers below 2^50 where double arithmetic is exact, and divides once by a power
// of ten, which IEEE division rounds correctly. Anything else (many digits, huge
// values) falls back to decimal.js. NaN and ±Infinity follow plain JS arithmetic.
//
// Each operation's result is a JS number again, so a chain of operations is exact
// while every intermediate result fits in 15 significant digits — amounts up to
// 10^11 with 4 places, far beyond any order line. Beyond that the intermediate is
// the nearest double, as with json-logic-js.
import { Dec } from './decimal';

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Below 2^50 a scaled operand is off by far less than 0.5 before Math.round. */
const SCALE_LIMIT = 2 ** 50;
const MAX_FAST_DECIMALS = 10;

const isSmallInteger = (x: number): boolean => Number.isInteger(x) && Math.abs(x) < SCALE_LIMIT;

/** Decimal places of the shortest decimal that is `x`, or -1 when the fast path cannot scale it. */
export function decimalsOf(x: number): number {
  if (Number.isInteger(x)) return Math.abs(x) < SCALE_LIMIT ? 0 : -1;
  for (let k = 1; k <= MAX_FAST_DECIMALS; k++) {
    const scaled = x * POW10[k];
    if (Math.abs(scaled) >= SCALE_LIMIT) return -1;
    const whole = Math.round(scaled);
    // Cheap rejection before the exact test (a division): when x is whole/10^k,
    // x·10^k is off from whole by at most |whole|·2^-52 (two roundings).
    const off = Math.abs(scaled - whole);
    if (off <= Math.abs(scaled) * 4.5e-16 && whole / POW10[k] === x) return k;
  }
  return -1;
}

export function exactAdd(a: number, b: number): number {
  if (isSmallInteger(a) && isSmallInteger(b)) return a + b;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a + b;
  const da = decimalsOf(a);
  const db = decimalsOf(b);
  if (da >= 0 && db >= 0) {
    const k = Math.max(da, db);
    const sa = a * POW10[k];
    const sb = b * POW10[k];
    // Both scaled to the larger number of places must still be exact integers.
    if (Math.abs(sa) < SCALE_LIMIT && Math.abs(sb) < SCALE_LIMIT) return (Math.round(sa) + Math.round(sb)) / POW10[k];
  }
  return new Dec(a).plus(b).toNumber();
}

export function exactSub(a: number, b: number): number {
  return exactAdd(a, -b);
}

export function exactMul(a: number, b: number): number {
  if (isSmallInteger(a) && isSmallInteger(b)) {
    const product = a * b;
    if (Math.abs(product) <= Number.MAX_SAFE_INTEGER) return product;
  }
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b;
  const da = decimalsOf(a);
  const db = decimalsOf(b);
  if (da >= 0 && db >= 0) {
    const product = Math.round(a * POW10[da]) * Math.round(b * POW10[db]);
    // Below 2^53 the integer product is exact; one division places the point.
    if (Math.abs(product) <= Number.MAX_SAFE_INTEGER) return product / POW10[da + db];
  }
  return new Dec(a).times(b).toNumber();
}

export function exactDiv(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return a / b;
  const da = decimalsOf(a);
  const db = decimalsOf(b);
  if (da >= 0 && db >= 0) {
    // a/b = (A·10^db) / (B·10^da) with A, B the scaled integers: one correctly
    // rounded division of two exact integers.
    const numerator = Math.round(a * POW10[da]) * POW10[db];
    const denominator = Math.round(b * POW10[db]) * POW10[da];
    if (Math.abs(numerator) <= Number.MAX_SAFE_INTEGER && Math.abs(denominator) <= Number.MAX_SAFE_INTEGER) {
      return numerator / denominator;
    }
  }
  return new Dec(a).dividedBy(b).toNumber();
}

/** Remainder with the sign of the dividend, like JS `%` (0.3 % 0.1 → 0, not 0.09999999999999998). */
export function exactMod(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return a % b;
  const da = decimalsOf(a);
  const db = decimalsOf(b);
  if (da >= 0 && db >= 0) {
    const k = Math.max(da, db);
    const sa = a * POW10[k];
    const sb = b * POW10[k];
    if (Math.abs(sa) < SCALE_LIMIT && Math.abs(sb) < SCALE_LIMIT) {
      const r = Math.round(sa) % Math.round(sb);
      // Keep -0 for a negative dividend, as JS does (-4 % 2 is -0).
      return r === 0 ? (a < 0 || Object.is(a, -0) ? -0 : 0) : r / POW10[k];
    }
  }
  return new Dec(a).mod(b).toNumber();
}

/** Half-up (away from zero at the half) to `places` decimals, exactly. */
export function exactRound(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const d = decimalsOf(x);
  if (d >= 0 && d <= places) return x;
  return new Dec(x).toDecimalPlaces(places, Dec.ROUND_HALF_UP).toNumber();
}

/**
 * Exact sum of many numbers: accumulated as one scaled integer (rescaled when a
 * value has more places), divided once at the end; decimal.js past the fast range.
 */
export function exactSum(values: readonly number[]): number {
  let scaled = 0;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const d = decimalsOf(v);
    if (d < 0) return sumWithDecimal(values);
    if (d > k) {
      scaled *= POW10[d - k];
      k = d;
    }
    scaled += Math.round(v * POW10[k]);
    if (Math.abs(scaled) >= SCALE_LIMIT || Math.abs(v * POW10[k]) >= SCALE_LIMIT) return sumWithDecimal(values);
  }
  return scaled / POW10[k];
}

function sumWithDecimal(values: readonly number[]): number {
  let total = new Dec(0);
  for (const v of values) {
    if (!Number.isFinite(v)) return values.reduce((a, b) => a + b, 0);
    total = total.plus(v);
  }
  return total.toNumber();
}
