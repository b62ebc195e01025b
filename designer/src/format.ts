// Display formats for list cells and document headers, in the UI language.
import type { Locale } from './api/types';

export function formatMoney(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
}

export function formatDateTime(value: string, locale: Locale): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
}

/** A list as the language writes one: "A、B、C" in Chinese, "A, B, C" in English. */
export function listText(items: string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}
