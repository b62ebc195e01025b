// Password policy: long enough, not derived from the username, not a well-known
// password. Messages name the field so a form can mark it.
import { AppError, type FieldError } from '../errors';
import commonPasswords from './common-passwords.json';

export const MIN_PASSWORD_LENGTH = 10;
// scrypt hashes whatever it is given; a cap stops megabyte "passwords" from costing CPU.
export const MAX_PASSWORD_LENGTH = 256;

const common = new Set<string>(commonPasswords);

export function passwordProblems(password: string, username: string, path = '/password'): FieldError[] {
  const errors: FieldError[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    errors.push({ path, message: `must be at least ${MIN_PASSWORD_LENGTH} characters long` });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    errors.push({ path, message: `must be at most ${MAX_PASSWORD_LENGTH} characters long` });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    errors.push({ path, message: 'must not contain the username' });
  }
  if (common.has(password.toLowerCase())) {
    errors.push({ path, message: 'is one of the most common passwords; choose a less guessable one' });
  }
  return errors;
}

/** Throws 422 VALIDATION_FAILED listing every rule the password breaks. */
export function assertPasswordAcceptable(password: string, username: string, path = '/password'): void {
  const errors = passwordProblems(password, username, path);
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Password refused: ${errors.map((e) => e.message).join('; ')}.`, {
      // The reasons are the field messages (English); the fields carry them, the detail says where to look.
      key: 'VALIDATION_FAILED.password_refused',
      params: {
        reasons: { 'zh-CN': errors.map((e) => e.path).join('、'), en: errors.map((e) => e.message).join('; ') },
      },
      errors,
    });
  }
}
