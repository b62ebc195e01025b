// Helpers every print and message template may use. They return plain strings,
// which Handlebars escapes like any other value ({{ }}), so a customer called
// `<script>` prints as text. Blank values (null, undefined, '') print as ''.
//
//   {{money data.total}}                 12,345.67   (half-up, thousands separators)
//   {{money data.total "¥"}} or symbol="¥"  ¥12,345.67
//   {{qty line.qty}}                     2.5         (≤ 3 places, no trailing zeros)
//   {{date data.orderDate}}              2024-05-01
//   {{date doc.createdAt "datetime"}}    2024-05-01 09:30  (in the renderer's time zone)
//   {{datetime doc.createdAt}}           same as above
//   {{label labels.customer}}            the zh-CN or en text for the render locale
//   {{rmbUpper data.total}}              壹万贰仟叁佰肆拾伍元陆角柒分
//   {{inc @index}} / {{add a b}}         row numbers (1-based), sums
import type { HelperOptions } from 'handlebars';
import { chineseUppercaseAmount, exactAdd, formatMoney, formatQty } from '../money/index';

export type HelperFn = (...args: unknown[]) => string | number;

/** Handlebars passes its options object last; these are the template's own arguments. */
function split(args: unknown[]): { params: unknown[]; hash: Record<string, unknown>; root: Record<string, unknown> } {
  const options = args[args.length - 1] as HelperOptions;
  const hash: Record<string, unknown> = options.hash ?? {};
  const root: Record<string, unknown> = (options.data as { root?: Record<string, unknown> } | undefined)?.root ?? {};
  return { params: args.slice(0, -1), hash, root };
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '';

/** A number or numeric string, or undefined. */
function numeric(v: unknown): number | string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return v.trim();
  return undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function dateParts(value: unknown, timeZone: string): { date: string; time: string } | undefined {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return { date: value, time: '' };
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value).getTime()
        : Number.NaN;
  if (Number.isNaN(ms)) return undefined;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export interface HelperOptionsConfig {
  /** IANA zone for date-times; dates without a time are printed as they are. */
  timeZone: string;
  defaultLocale: string;
}

export function printHelpers({ timeZone, defaultLocale }: HelperOptionsConfig): Record<string, HelperFn> {
  const formatDate = (value: unknown, withTime: boolean): string => {
    if (isBlank(value)) return '';
    const parts = dateParts(value, timeZone);
    if (!parts) return typeof value === 'string' ? value : '';
    return withTime && parts.time ? `${parts.date} ${parts.time}` : parts.date;
  };

  return {
    money: (...args) => {
      const { params, hash } = split(args);
      const value = numeric(params[0]);
      if (value === undefined) return '';
      const symbol = hash.symbol ?? params[1];
      return formatMoney(value, { symbol: typeof symbol === 'string' ? symbol : '' });
    },
    qty: (...args) => {
      const value = numeric(split(args).params[0]);
      return value === undefined ? '' : formatQty(value);
    },
    date: (...args) => {
      const { params, hash } = split(args);
      const format = hash.format ?? params[1];
      return formatDate(params[0], format === 'datetime');
    },
    datetime: (...args) => formatDate(split(args).params[0], true),
    label: (...args) => {
      const { params, root } = split(args);
      const text = params[0];
      if (isBlank(text)) return '';
      if (typeof text !== 'object') return String(text);
      const byLocale = text as Record<string, unknown>;
      const locale = typeof root.locale === 'string' ? root.locale : defaultLocale;
      const chosen = byLocale[locale] ?? byLocale[defaultLocale] ?? byLocale['zh-CN'] ?? byLocale.en;
      return typeof chosen === 'string' ? chosen : '';
    },
    rmbUpper: (...args) => {
      const value = numeric(split(args).params[0]);
      return value === undefined ? '' : chineseUppercaseAmount(value);
    },
    add: (...args) => {
      const [a, b] = split(args).params;
      return exactAdd(Number(a ?? 0), Number(b ?? 0));
    },
    inc: (...args) => Number(split(args).params[0] ?? 0) + 1,
  };
}

export const PRINT_HELPER_NAMES = ['money', 'qty', 'date', 'datetime', 'label', 'rmbUpper', 'add', 'inc'] as const;
