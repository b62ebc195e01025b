import { describe, expect, it } from 'vitest';
import { chineseUppercaseAmount } from '../../engine/money/chinese-uppercase';

describe('chineseUppercaseAmount', () => {
  it.each([
    [12345.67, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [100, '壹佰元整'],
    [10.05, '壹拾元零伍分'],
    [0, '零元整'],
    [100000000, '壹亿元整'],
    [1010, '壹仟零壹拾元整'],
    [100200.3, '壹拾万零贰佰元叁角'],
    // Zeros in the middle: one 零 per run.
    [1001, '壹仟零壹元整'],
    [1409.5, '壹仟肆佰零玖元伍角'],
    [6007.14, '陆仟零柒元壹角肆分'],
    [16409.02, '壹万陆仟肆佰零玖元零贰分'],
    [325.04, '叁佰贰拾伍元零肆分'],
    [1680.32, '壹仟陆佰捌拾元叁角贰分'],
    [107000.53, '壹拾万柒仟元伍角叁分'],
    // 万 and 亿 boundaries.
    [9999, '玖仟玖佰玖拾玖元整'],
    [10000, '壹万元整'],
    [10001, '壹万零壹元整'],
    [10010, '壹万零壹拾元整'],
    [99999999.99, '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [100000001, '壹亿零壹元整'],
    [100010000, '壹亿零壹万元整'],
    [110000000, '壹亿壹仟万元整'],
    // 万位 zero, 千位 not: the optional 零 is left out, as in 107000.53 above.
    [120003000, '壹亿贰仟万叁仟元整'],
    [1000000000000, '壹万亿元整'],
    [1000100000000, '壹万零壹亿元整'],
    [20000000.1, '贰仟万元壹角'],
    // Tens are written with 壹.
    [10, '壹拾元整'],
    [15, '壹拾伍元整'],
    // No yuan.
    [0.5, '伍角'],
    [0.05, '伍分'],
    [0.56, '伍角陆分'],
    // Negative amounts.
    [-5, '负伍元整'],
    [-12.3, '负壹拾贰元叁角'],
  ])('%s → %s', (amount, words) => {
    expect(chineseUppercaseAmount(amount)).toBe(words);
  });

  it('rounds half-up to the fen first', () => {
    expect(chineseUppercaseAmount(1.005)).toBe('壹元零壹分');
    expect(chineseUppercaseAmount(0.004)).toBe('零元整');
  });

  it('reads numeric strings', () => {
    expect(chineseUppercaseAmount('12345.67')).toBe('壹万贰仟叁佰肆拾伍元陆角柒分');
  });

  it('refuses amounts of 亿亿 and above, and non-numbers', () => {
    expect(() => chineseUppercaseAmount(1e16)).toThrow(RangeError);
    expect(() => chineseUppercaseAmount(Number.NaN)).toThrow(RangeError);
    expect(() => chineseUppercaseAmount('')).toThrow(RangeError);
  });
});
