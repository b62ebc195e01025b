import { describe, expect, it } from 'vitest';
import { formatMoney, formatQty } from '../../engine/money/format';

describe('formatMoney', () => {
  it('groups thousands and keeps 2 places', () => {
    expect(formatMoney(12345.67)).toBe('12,345.67');
    expect(formatMoney(1234567.891)).toBe('1,234,567.89');
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(999.995)).toBe('1,000.00');
  });

  it('puts the currency symbol after the minus sign', () => {
    expect(formatMoney(12345.67, { symbol: '¥' })).toBe('¥12,345.67');
    expect(formatMoney(-1234.5, { symbol: '¥' })).toBe('-¥1,234.50');
  });

  it('prints no minus sign on an amount that rounds to zero', () => {
    expect(formatMoney(-0.001)).toBe('0.00');
  });
});

describe('formatQty', () => {
  it('prints up to 3 places without trailing zeros', () => {
    expect(formatQty(2.5)).toBe('2.5');
    expect(formatQty(3)).toBe('3');
    expect(formatQty('2.500')).toBe('2.5');
    expect(formatQty(1.23456)).toBe('1.235');
    expect(formatQty(0.0001)).toBe('0');
    expect(formatQty(1e21)).toBe('1000000000000000000000');
  });
});
