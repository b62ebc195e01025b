// Acting on a document is bounded by the same scope as editing it: a role whose
// `update` (or `read`) is "own" may run its transitions — cancel included, through
// the transition or the cancellation route — only on documents it created. A role
// granted the transition with a wider scope (a warehouse keeper posting any
// receipt, a manager cancelling any order) is not limited. Without this a
// purchaser could cancel another purchaser's order that PATCH rightly refuses.
import type { Definition, TransitionDef } from '../definitions/index';
import type { RuleUser } from './row-filter';
import { messageError } from '../messages/index';

function grantingRoles(def: Definition, transition: TransitionDef, user: RuleUser): string[] {
  return user.roles.filter(
    (role) =>
      transition.roles.includes(role) || def.permissions?.[role]?.transitions?.includes(transition.key) === true,
  );
}

function ownOnly(def: Definition, role: string): boolean {
  const spec = def.permissions?.[role];
  return spec !== undefined && (spec.update === 'own' || spec.read === 'own');
}

export function assertTransitionScope(
  def: Definition,
  transition: TransitionDef,
  user: RuleUser,
  doc: { createdBy: string },
): void {
  if (user.roles.includes('admin') || doc.createdBy === user.id) return;
  const roles = grantingRoles(def, transition, user);
  if (roles.length === 0 || roles.some((role) => !ownOnly(def, role))) return;
  throw messageError('FORBIDDEN.transition_own_only', { transition: transition.key, type: def.key });
}
