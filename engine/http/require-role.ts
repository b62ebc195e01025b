// The role check of a route: an HTTP concern, here rather than in auth so that a
// capability below auth (audit) can guard its routes without importing auth
// (docs/architecture.md, "Folder cycles left"). auth re-exports it.
import type { onRequestAsyncHookHandler } from 'fastify';
import type { AuthUser } from '../auth/index';
import { AppError } from '../errors';

const quoted = (roles: string[]) => roles.map((r) => `"${r}"`);

/** The roles a refusal names, in both languages. */
function roleParams(needed: string[], held: string[]) {
  return {
    needed: { 'zh-CN': quoted(needed).join(' 或 '), en: quoted(needed).join(' or ') },
    held: held.length ? quoted(held).join(', ') : { 'zh-CN': '无', en: 'no roles' },
  };
}

/**
 * preHandler/onRequest factory: passes when the (authenticated) user holds at least
 * one of `roles`. `admin` passes every check. Use after app.authenticate:
 * `{ onRequest: [app.authenticate, requireRole('admin')] }`.
 */
export function requireRole(...roles: string[]): onRequestAsyncHookHandler {
  return async (request) => {
    const user = request.user as AuthUser | null | undefined;
    if (!user)
      throw new AppError('UNAUTHORIZED', 'Log in first (app.authenticate must run before requireRole).', {
        key: 'UNAUTHORIZED.login_first',
      });
    if (user.roles.includes('admin') || roles.some((role) => user.roles.includes(role))) return;
    throw new AppError(
      'FORBIDDEN',
      `This needs the role ${quoted(roles).join(' or ')}; you have ${user.roles.length ? quoted(user.roles).join(', ') : 'no roles'}.`,
      { key: 'FORBIDDEN.role_needed', params: roleParams(roles, user.roles) },
    );
  };
}
