// Permissions from definitions (DESIGN §4 `permissions`). Admin may do everything.
// A definition without a `permissions` block lets every signed-in user create,
// read and update (transitions still need `TransitionDef.roles`); one with a block
// grants only what it lists, per role, and a user holds the union of their roles.
//
// Reading is enforced in the query: the caller's read scope becomes a store filter
// that list, get, history and print all add to their own, so a document outside it
// is simply not found (404), and pagination counts only visible rows.
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import type { Filter } from '../store/index';
import type { Definition, PermissionSpec, TransitionDef } from '../definitions/index';
import { compileRowFilter, MATCH_NONE, UntranslatableRuleError, type RuleUser } from './row-filter';
import { listParam, messageError } from '../messages/index';

export type ReadScope = { kind: 'all' } | { kind: 'none' } | { kind: 'filter'; filter: Filter };

/** Row filters compiled once per definition version, keyed by role. */
export type CompiledRowFilters = Map<string, (user: RuleUser) => Filter>;

export function compileRowFilters(def: Pick<Definition, 'permissions'>): CompiledRowFilters {
  const out: CompiledRowFilters = new Map();
  for (const [role, spec] of Object.entries(def.permissions ?? {})) {
    if (typeof spec.read !== 'object' || spec.read === null) continue;
    try {
      out.set(role, compileRowFilter(spec.read.filter));
    } catch (err) {
      if (!(err instanceof UntranslatableRuleError)) throw err;
      const path = `/permissions/${role}/read/filter`;
      throw messageError(
        'VALIDATION_FAILED.row_filter_of_role',
        { role, reason: err.message },
        { errors: [fieldError(path, 'VALIDATION_FAILED.row_filter_untranslatable', { reason: err.message })] },
      );
    }
  }
  return out;
}

const isAdmin = (user: RuleUser): boolean => user.roles.includes('admin');

function specsOf(def: Pick<Definition, 'permissions'>, user: RuleUser): PermissionSpec[] {
  const permissions = def.permissions ?? {};
  return user.roles.flatMap((role) => (permissions[role] ? [permissions[role]] : []));
}

export function readScope(
  def: Pick<Definition, 'permissions'>,
  rowFilters: CompiledRowFilters,
  user: RuleUser,
): ReadScope {
  if (isAdmin(user) || !def.permissions) return { kind: 'all' };
  const parts: Filter[] = [];
  for (const role of user.roles) {
    const read = def.permissions[role]?.read;
    if (read === undefined || read === false) continue;
    if (read === true) return { kind: 'all' };
    if (read === 'own') parts.push({ createdBy: user.id });
    else {
      const build = rowFilters.get(role);
      parts.push(build ? build(user) : MATCH_NONE);
    }
  }
  if (parts.length === 0) return { kind: 'none' };
  return { kind: 'filter', filter: parts.length === 1 ? parts[0] : { $or: parts } };
}

/** The filter to AND into a query; throws 403 when the caller may not read this type at all. */
export function readFilter(def: Definition, rowFilters: CompiledRowFilters, user: RuleUser): Filter | null {
  const scope = readScope(def, rowFilters, user);
  if (scope.kind === 'none') {
    throw messageError('FORBIDDEN.may_not_read', { type: def.key, roles: listParam(user.roles) });
  }
  return scope.kind === 'filter' ? scope.filter : null;
}

/** An archived definition (its plugin uninstalled with archive) keeps its documents read-only, for admins too. */
export function assertNotArchived(def: Pick<Definition, 'key' | 'archived'>): void {
  if (!def.archived) return;
  throw new AppError('RULE_FAILED', `${def.key} is archived; its documents are read-only.`, {
    key: 'RULE_FAILED.definition_archived',
    params: { type: def.key },
  });
}

export function assertMayCreate(def: Definition, user: RuleUser): void {
  assertNotArchived(def);
  if (isAdmin(user) || !def.permissions) return;
  if (specsOf(def, user).some((s) => s.create === true)) return;
  throw messageError('FORBIDDEN.may_not_create', { type: def.key, roles: listParam(user.roles) });
}

/** Update needs `update: true`, or `update: 'own'` on a document the caller created. */
export function assertMayUpdate(def: Definition, user: RuleUser, doc: { createdBy: string }): void {
  assertNotArchived(def);
  if (isAdmin(user) || !def.permissions) return;
  const grants = specsOf(def, user).map((s) => s.update);
  if (grants.includes(true)) return;
  if (grants.includes('own') && doc.createdBy === user.id) return;
  const key = grants.includes('own') ? 'FORBIDDEN.may_not_update_not_own' : 'FORBIDDEN.may_not_update';
  throw messageError(key, { type: def.key });
}

export function mayRunTransition(def: Definition, transition: TransitionDef, user: RuleUser): boolean {
  if (def.archived) return false;
  if (isAdmin(user)) return true;
  if (transition.roles.some((role) => user.roles.includes(role))) return true;
  return specsOf(def, user).some((s) => s.transitions?.includes(transition.key) === true);
}

export function assertMayRunTransition(def: Definition, transition: TransitionDef, user: RuleUser): void {
  assertNotArchived(def);
  if (mayRunTransition(def, transition, user)) return;
  throw messageError('FORBIDDEN.transition_roles', {
    transition: transition.key,
    type: def.key,
    needed: listParam(transition.roles, { 'zh-CN': '（未列出）', en: '(none listed)' }),
    held: listParam(user.roles, { 'zh-CN': '无', en: 'no roles' }),
  });
}
