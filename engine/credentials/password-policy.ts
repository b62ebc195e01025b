// Password policy: long enough, not derived from the username, not a well-known
// password. Messages name the field so a form can mark it.
import { AppError, type FieldError } from '../errors';
import { fieldError, localizeErrors } from '../messages/index';
import commonPasswords from './common-passwords.json';

export const MIN_PASSWORD_LENGTH = 10;
// scrypt hashes whatever it is given; a cap stops megabyte "passwords" from costing CPU.
export const MAX_PASSWORD_LENGTH = 256;

const common = new Set<string>(commonPasswords);

export function passwordProblems(password: string, username: string, path = '/password'): FieldError[] {
  const errors: FieldError[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    errors.push(fieldError(path, 'VALIDATION_FAILED.password_too_short', { min: MIN_PASSWORD_LENGTH }));
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    errors.push(fieldError(path, 'VALIDATION_FAILED.password_too_long', { max: MAX_PASSWORD_LENGTH }));
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    errors.push(fieldError(path, 'VALIDATION_FAILED.password_has_username'));
  }
  if (common.has(password.toLowerCase())) {
    errors.push(fieldError(path, 'VALIDATION_FAILED.password_too_common'));
  }
  return errors;
}

/** Throws 422 VALIDATION_FAILED listing every rule the password breaks. */
export function assertPasswordAcceptable(password: string, username: string, path = '/password'): void {
  const errors = passwordProblems(password, username, path);
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Password refused: ${errors.map((e) => e.message).join('; ')}.`, {
      // The reasons are the field messages, in the caller's language like the fields.
      key: 'VALIDATION_FAILED.password_refused',
      params: {
        reasons: {
          'zh-CN': localizeErrors(errors, 'zh-CN')
            .map((e) => e.message)
            .join('；'),
          en: errors.map((e) => e.message).join('; '),
        },
      },
      errors,
    });
  }
}
