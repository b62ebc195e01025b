// 人民币大写 (the amount in words on invoices, cheques and delivery notes), following
// the PBOC rules for filling in settlement documents:
// - a run of zeros inside the number is written as one 零 (1010 → 壹仟零壹拾元);
// - whole yuan end in 整; an amount with 角 or 分 has no 整 (100200.3 → …元叁角);
// - 角 zero but 分 not → 元零X分 (10.05 → 壹拾元零伍分);
// - when the yuan digit is zero but 角 is not, the optional 零 is left out
//   (1680.32 → 壹仟陆佰捌拾元叁角贰分), as most invoicing software does;
// - tens are written with 壹 (10 → 壹拾元整), as on financial documents.
import { Dec, toDec, type MoneyInput } from './decimal';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const WAN = 10_000;
const YI = 100_000_000;
/** 10^16 (亿亿): beyond any amount that fits a JS number exactly in cents. */
const LIMIT = new Dec('1e16');

/** 0 < n < 10000 → e.g. 1010 → 壹仟零壹拾. */
function below10k(n: number): string {
  let out = '';
  let pendingZero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(n / 10 ** place) % 10;
    if (digit === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit] + SMALL_UNITS[place];
  }
  return out;
}

/** 0 < n < 10^8. */
function below1e8(n: number): string {
  if (n < WAN) return below10k(n);
  const high = Math.floor(n / WAN);
  const low = n % WAN;
  if (low === 0) return `${below10k(high)}万`;
  return `${below10k(high)}万${low < 1000 ? '零' : ''}${below10k(low)}`;
}

/** 0 < n < 10^16: recursion on 亿 gives 万亿 for 10^12. */
function integerWords(n: number): string {
  if (n < YI) return below1e8(n);
  const high = Math.floor(n / YI);
  const low = n % YI;
  if (low === 0) return `${integerWords(high)}亿`;
  return `${integerWords(high)}亿${low < 10_000_000 ? '零' : ''}${below1e8(low)}`;
}

/**
 * 12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分; 0 → 零元整; -5 → 负伍元整.
 * Rounds half-up to the fen first. Amounts with no yuan are written from the 角
 * (0.5 → 伍角, 0.05 → 伍分).
 */
export function chineseUppercaseAmount(value: MoneyInput): string {
  const amount = toDec(value).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  if (amount.abs().gte(LIMIT)) throw new RangeError(`Amount too large for 人民币大写: ${amount.toString()}`);
  if (amount.isZero()) return '零元整';
  const sign = amount.isNegative() ? '负' : '';
  const cents = amount.abs().times(100);
  const yuan = cents.dividedToIntegerBy(100).toNumber();
  const fen = cents.mod(100).toNumber();
  const jiaoDigit = Math.floor(fen / 10);
  const fenDigit = fen % 10;

  let out = yuan > 0 ? `${integerWords(yuan)}元` : '';
  if (fen === 0) return `${sign}${out}整`;
  if (jiaoDigit > 0) out += `${DIGITS[jiaoDigit]}角`;
  else if (yuan > 0) out += '零';
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  return sign + out;
}
