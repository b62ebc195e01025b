// Display formats for list cells and document headers, in the UI language.
import { numberKindOf } from '../../engine/money/index';
import type { Locale } from './api/types';

export function formatMoney(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
}

/** Quantities as the engine keeps them: at most 3 decimals, none shown when whole. */
export function formatQuantity(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}

/** A data field's number by its kind (engine/money/kind.ts): `price` 15000 → "15,000.00", `qty` 2 → "2". */
export function formatFieldNumber(name: string, node: object | undefined, value: number, locale: Locale): string {
  const kind = numberKindOf(name, node ?? {});
  if (kind === 'money') return formatMoney(value, locale);
  if (kind === 'quantity') return formatQuantity(value, locale);
  return formatNumber(value, locale);
}

export function formatDateTime(value: string, locale: Locale): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
}

/** A list as the language writes one: "A、B、C" in Chinese, "A, B, C" in English. */
export function listText(items: string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}
