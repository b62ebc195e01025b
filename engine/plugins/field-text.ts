// A field error's text in both languages, for a plugin refusal whose detail
// quotes it (engine/messages/catalogue/plugins.ts).
import type { FieldError } from '../errors';
import { localized, type MessageParam } from '../messages/index';

export function textOf(error: FieldError): MessageParam {
  if (error.key) return localized(error.key, error.params);
  return error.i18n ?? error.message;
}
