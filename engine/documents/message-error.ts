// An AppError whose detail comes from the message catalogue (engine/messages):
// its code is the key's (the part before the dot), its message the English text
// (logs, job results), and the answer renders it again in the caller's language.
// Shared with approvals and spreadsheets through this folder's index.ts.
import { AppError, type FieldError } from '../errors';
import {
  codeOfKey,
  localizeErrors,
  renderMessage,
  type MessageKey,
  type MessageLocale,
  type MessageParams,
} from '../messages/index';

/** A text in both languages. */
type Entry = Record<MessageLocale, string>;

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
