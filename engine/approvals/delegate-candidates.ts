// Whom a user may delegate their approvals to: the users who may act as a
// delegate on at least one level the user could decide (a level's `delegates`,
// else whoever could hold the level). The list is what the delegation form
// offers; a `to` outside it is refused with one answer whether or not such a
// user exists, so the route cannot be used to find out which usernames are real
// (issue 10, finding 7).
import type { ApprovalLevel, DefinitionRegistry } from '../definitions/index';
import type { Actor } from '../documents/index';
import type { Store } from '../store/index';
import { holdsLevel, usersFor, type Principal } from './approvers';
import type { Approvers } from './types';

const normalized = (a: { roles?: string[]; users?: string[] }): Approvers => ({
  roles: [...(a.roles ?? [])],
  users: [...(a.users ?? [])],
});

export async function delegateCandidates(
  store: Store,
  registry: DefinitionRegistry,
  user: Principal,
): Promise<Actor[]> {
  const eligible: Approvers = { roles: [], users: [] };
  for (const compiled of await registry.allLatest()) {
    const levels: ApprovalLevel[] = [
      ...compiled.def.transitions.flatMap((t) => t.approval?.levels ?? []),
      ...(compiled.def.changeApproval?.levels ?? []),
    ];
    for (const level of levels) {
      if (!holdsLevel(normalized(level.approvers), user)) continue;
      const delegates = normalized(level.delegates ?? level.approvers);
      eligible.roles.push(...delegates.roles);
      eligible.users.push(...delegates.users);
    }
  }
  const users = await usersFor(store, { roles: [...new Set(eligible.roles)], users: [...new Set(eligible.users)] });
  return users.filter((u) => u.id !== user.id).map((u) => ({ id: u.id, username: u.username }));
}
