// A report refusal: its detail comes from the message catalogue
// (engine/messages/catalogue/reports.ts) in the caller's language; the error's
// message is the English text, which the logs show.
import { AppError, type ErrorCode, type FieldError } from '../errors';
import { renderMessage, type MessageKey, type MessageParams } from '../messages/index';

export function refusal(
  code: ErrorCode,
  key: MessageKey,
  params: MessageParams = {},
  options: { errors?: FieldError[] } = {},
): AppError {
  return new AppError(code, renderMessage(key, 'en', params), { ...options, key, params });
}
