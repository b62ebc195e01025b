// The fast path must agree with decimal.js on every input (it is an optimisation,
// not a different arithmetic), and must give the "what you typed" decimal results.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../engine/money/decimal';
import {
  exactAdd,
  exactDiv,
  exactMod,
  exactMul,
  exactRound,
  exactSub,
  exactSum,
} from '../../engine/money/exact-arithmetic';

/** Decimals as users type them: up to 9 integer digits and 0–6 places. */
const typed = fc
  .tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([n, k]) => Number(new Dec(n).dividedBy(10 ** k).toString()));
const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const operand = fc.oneof(typed, typed, anyDouble);

const viaDecimal = {
  add: (a: number, b: number) => new Dec(a).plus(b).toNumber(),
  sub: (a: number, b: number) => new Dec(a).minus(b).toNumber(),
  mul: (a: number, b: number) => new Dec(a).times(b).toNumber(),
  div: (a: number, b: number) => new Dec(a).dividedBy(b).toNumber(),
  mod: (a: number, b: number) => new Dec(a).mod(b).toNumber(),
};

const sameNumber = (x: number, y: number): boolean => x === y || (x === 0 && y === 0);

describe('exact arithmetic', () => {
  it('gives decimal results for typed values', () => {
    expect(exactAdd(0.1, 0.2)).toBe(0.3);
    expect(exactSub(0.3, 0.1)).toBe(0.2);
    expect(exactMul(0.1, 3)).toBe(0.3);
    expect(exactMul(1.15, 0.9)).toBe(1.035);
    expect(exactDiv(0.69, 0.3)).toBe(2.3);
    expect(exactMod(1.1, 0.2)).toBe(0.1);
    expect(exactRound(1.005, 2)).toBe(1.01);
  });

  it('follows JS for NaN, infinities and division by zero', () => {
    expect(exactAdd(Number.NaN, 1)).toBeNaN();
    expect(exactMul(Infinity, 2)).toBe(Infinity);
    expect(exactDiv(1, 0)).toBe(Infinity);
    expect(exactMod(5, 0)).toBeNaN();
    expect(Object.is(exactMod(-4, 2), -0)).toBe(true);
  });

  it.each(['add', 'sub', 'mul', 'div', 'mod'] as const)('%s agrees with decimal.js on any finite numbers', (op) => {
    const fast = { add: exactAdd, sub: exactSub, mul: exactMul, div: exactDiv, mod: exactMod }[op];
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        fc.pre(!((op === 'div' || op === 'mod') && b === 0));
        const expected = viaDecimal[op](a, b);
        const actual = fast(a, b);
        expect(sameNumber(actual, expected), `${a} ${op} ${b}: ${actual} vs ${expected}`).toBe(true);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('rounds like decimal.js half-up', () => {
    fc.assert(
      fc.property(operand, fc.integer({ min: 0, max: 4 }), (x, places) => {
        const expected = new Dec(x).toDecimalPlaces(places, Dec.ROUND_HALF_UP).toNumber();
        expect(sameNumber(exactRound(x, places), expected)).toBe(true);
      }),
      { numRuns: 5000, seed: 11 },
    );
  });

  it('sums many values like decimal.js', () => {
    expect(exactSum(Array(10).fill(0.1))).toBe(1);
    expect(exactSum([])).toBe(0);
    fc.assert(
      fc.property(fc.array(operand, { maxLength: 30 }), (values) => {
        const expected = values.reduce((sum, v) => sum.plus(v), new Dec(0)).toNumber();
        expect(sameNumber(exactSum(values), expected), `${values.join(' + ')}`).toBe(true);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });
});
