// A plugin refusal: its detail comes from the message catalogue
// (engine/messages/catalogue/plugins.ts) in the caller's language; the error's
// message is the English text, which logs and the plugin CLI print.
import { AppError, type ErrorCode, type FieldError } from '../errors';
import { localized, renderMessage, type MessageKey, type MessageParam, type MessageParams } from '../messages/index';

export function refusal(
  code: ErrorCode,
  key: MessageKey,
  params: MessageParams = {},
  options: { errors?: FieldError[]; extra?: Record<string, unknown> } = {},
): AppError {
  return new AppError(code, renderMessage(key, 'en', params), { ...options, key, params });
}

/** A field error's text in both languages, for a detail that quotes it. */
export function textOf(error: FieldError): MessageParam {
  if (error.key) return localized(error.key, error.params);
  return error.i18n ?? error.message;
}

/** Field errors as one line in both languages (`/path message; …`), for a detail that lists them. */
export function listOf(errors: readonly FieldError[]): MessageParam {
  const line = (locale: 'zh-CN' | 'en', separator: string) =>
    errors
      .map((e) => {
        const text = textOf(e);
        return `${e.path} ${typeof text === 'object' ? text[locale] : text}`;
      })
      .join(separator);
  return { 'zh-CN': line('zh-CN', '；'), en: line('en', '; ') };
}
