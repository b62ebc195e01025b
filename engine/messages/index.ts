// The engine's one message catalogue: user-facing details of errors, refusals
// and field errors in zh-CN and en, keyed by the error code documented in
// docs/errors.md (`CODE`, or `CODE.reason` for one case of it), plus each code's
// problem title. The problem handler (engine/http/problem.ts) renders an AppError
// and its field errors in the caller's language: Accept-Language, then the
// user's saved preference. The entries live in ./catalogue, one file per family.
import { AppError, type ErrorCode, type FieldError } from '../errors';
import { access } from './catalogue/access';
import { approvals } from './catalogue/approvals';
import { definitions } from './catalogue/definitions';
import { documents } from './catalogue/documents';
import { finance } from './catalogue/finance';
import { fulfilment } from './catalogue/fulfilment';
import type { Entry } from './catalogue/entry';
import { general, titles } from './catalogue/general';
import { integrations } from './catalogue/integrations';
import { orders } from './catalogue/orders';
import { lookups } from './catalogue/lookups';
import { plugins } from './catalogue/plugins';
import { reports } from './catalogue/reports';
import { spreadsheets } from './catalogue/spreadsheets';
import { stock } from './catalogue/stock';

export type MessageLocale = 'zh-CN' | 'en';
/** A parameter in both languages (a label, a list joined the language's way) is rendered in the message's. */
export type MessageParam = string | number | Entry;
export type MessageParams = Record<string, MessageParam>;

const catalogue = {
  ...general,
  ...access,
  ...approvals,
  ...definitions,
  ...documents,
  ...finance,
  ...integrations,
  ...orders,
  ...lookups,
  ...plugins,
  ...spreadsheets,
  ...stock,
  ...fulfilment,
  ...reports,
} as const;

export type MessageKey = keyof typeof catalogue;

/** Every key's error code (the part before the dot): the catalogue test checks each is documented. */
export const messageKeys = (): MessageKey[] => Object.keys(catalogue) as MessageKey[];
export const codeOfKey = (key: MessageKey): ErrorCode => key.split('.')[0] as ErrorCode;

const paramText = (value: MessageParam, locale: MessageLocale): string =>
  typeof value === 'object' ? value[locale] : String(value);

export function renderMessage(key: MessageKey, locale: MessageLocale, params: MessageParams = {}): string {
  const entry: Entry = catalogue[key];
  return entry[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? paramText(params[name], locale) : whole,
  );
}

/** Both languages, for the rare place that stores a text (LocalizedText). */
export function localized(key: MessageKey, params: MessageParams = {}): Entry {
  return { 'zh-CN': renderMessage(key, 'zh-CN', params), en: renderMessage(key, 'en', params) };
}

/** The problem title of a code in the caller's language (RFC 9457 allows a localized title). */
export function problemTitle(code: ErrorCode, locale: MessageLocale): string {
  const byCode: Record<ErrorCode, Entry> = titles;
  return byCode[code][locale];
}

/**
 * A field error from the catalogue. `message` holds the English text, as an
 * AppError's message does (logs, details summing up the fields); answers render
 * it again in the caller's language from `key` and `params` (localizeErrors).
 */
export function fieldError(path: string, key: MessageKey, params?: MessageParams): FieldError {
  return { path, message: renderMessage(key, 'en', params), key, ...(params ? { params } : {}) };
}

/**
 * Field errors as a client sees them: each message in `locale`, and only the
 * members of the answer (key, params and i18n are how it was made, not part of it).
 */
export function localizeErrors<T extends FieldError>(errors: readonly T[], locale: MessageLocale): T[] {
  return errors.map(({ key, params, i18n, ...rest }) => {
    const message = key ? renderMessage(key, locale, params) : i18n ? i18n[locale] : rest.message;
    return { ...rest, message } as T;
  });
}

/**
 * An AppError whose detail comes from the catalogue: its code is the key's (the
 * part before the dot), its message the English text (logs, job results), and the
 * answer renders it again in the caller's language.
 */
export function messageError(
  key: MessageKey,
  params?: MessageParams,
  options: { errors?: FieldError[]; extra?: Record<string, unknown>; cause?: unknown } = {},
): AppError {
  return new AppError(codeOfKey(key), renderMessage(key, 'en', params), {
    ...options,
    key,
    ...(params ? { params } : {}),
  });
}

/** A list in both languages, as a message parameter: `none` when it is empty. */
export function listParam(items: readonly string[], none: Entry = { 'zh-CN': '无', en: 'none' }): Entry {
  return {
    'zh-CN': items.length > 0 ? items.join('、') : none['zh-CN'],
    en: items.length > 0 ? items.join(', ') : none.en,
  };
}

/** Field errors summed up ("/qty must be …; /price …") in both languages, for a detail. */
export function fieldErrorsParam(errors: readonly FieldError[]): Entry {
  const text = (locale: MessageLocale, separator: string) =>
    localizeErrors(errors, locale)
      .map((e) => `${e.path || '/'} ${e.message}`)
      .join(separator);
  return { 'zh-CN': text('zh-CN', '；'), en: text('en', '; ') };
}
export { pointerSegment, toFieldErrors } from './schema-errors';
