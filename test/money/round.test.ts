import { describe, expect, it } from 'vitest';
import { fromCents, mulMoney, roundMoney, sumMoney, toCents } from '../../engine/money/round';

describe('roundMoney', () => {
  it('rounds half-up where float rounding goes down', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the trap
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(2.675)).toBe(2.68);
    expect(roundMoney(0.145)).toBe(0.15);
  });

  it('rounds away from zero for negative halves', () => {
    expect(roundMoney(-1.005)).toBe(-1.01);
  });

  it('returns 0.1 + 0.2 as 0.3', () => {
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
  });

  it('takes other scales', () => {
    expect(roundMoney(1.23456, 3)).toBe(1.235);
  });
});

describe('cents', () => {
  it('converts without float drift', () => {
    expect(19.99 * 100).not.toBe(1999);
    expect(toCents(19.99)).toBe(1999);
    expect(toCents('0.015')).toBe(2);
    expect(fromCents(1999)).toBe(19.99);
    expect(fromCents(-5)).toBe(-0.05);
  });

  it('refuses fractional cents', () => {
    expect(() => fromCents(1.5)).toThrow(RangeError);
  });
});

describe('sumMoney', () => {
  it('sums ten times 0.1 to 1', () => {
    expect(
      Array(10)
        .fill(0.1)
        .reduce((a: number, b: number) => a + b, 0),
    ).not.toBe(1);
    expect(sumMoney(Array(10).fill(0.1))).toBe(1);
  });

  it('skips blank values', () => {
    expect(sumMoney([0.1, null, undefined, '', '0.2'])).toBe(0.3);
  });
});

describe('mulMoney', () => {
  it('multiplies qty × price × factor exactly, then rounds half-up', () => {
    // 0.35 × 0.7 is 0.24499999999999997 in floats (→ 0.24); exactly 0.245 (→ 0.25).
    expect(mulMoney(1, 0.35, 0.7)).toBe(0.25);
    expect(mulMoney(3, 19.99)).toBe(59.97);
    expect(mulMoney('2', '1999.90', 0.95)).toBe(3799.81);
  });
});
