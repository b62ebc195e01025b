// Why a new user was refused, as the detail's `{reasons}`: each bad field named by
// its label in the caller's language with its own message ("「密码」至少 10 个字符" /
// "Password: must be at least 10 characters long"), as the form shows them.
import type { FieldError } from '../errors';
import { localizeErrors } from '../messages/index';

const LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  username: { 'zh-CN': '用户名', en: 'User name' },
  password: { 'zh-CN': '密码', en: 'Password' },
  roles: { 'zh-CN': '角色', en: 'Roles' },
};

/** `/roles/1` → the label of `roles`; a path with no label keeps the path. */
const labelOf = (path: string, locale: 'zh-CN' | 'en'): string => LABELS[path.split('/')[1] ?? '']?.[locale] ?? path;

export function refusalReasons(errors: readonly FieldError[]): { 'zh-CN': string; en: string } {
  return {
    'zh-CN': localizeErrors(errors, 'zh-CN')
      .map((e) => `「${labelOf(e.path, 'zh-CN')}」${e.message}`)
      .join('；'),
    en: localizeErrors(errors, 'en')
      .map((e) => `${labelOf(e.path, 'en')}: ${e.message}`)
      .join('; '),
  };
}
