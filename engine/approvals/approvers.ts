// Who may decide an open level: users holding one of its roles (escalation adds
// a role) or named in it (by id or username). The requester is never one of them
// unless the definition allows self-approval. Delegates decide for an approver
// (delegations.ts); a decision then counts for that approver.
import type { Store } from '../store/index';
import { USERS_COLLECTION, type UserDoc } from '../users/index';
import type { ApprovalState, Approvers, LevelState } from './types';

export interface Principal {
  id: string;
  username: string;
  roles: string[];
}

export function holdsLevel(approvers: Approvers, user: Principal): boolean {
  return (
    approvers.roles.some((r) => user.roles.includes(r)) ||
    approvers.users.includes(user.id) ||
    approvers.users.includes(user.username)
  );
}

export const isRequester = (approval: ApprovalState, user: Pick<Principal, 'id'>): boolean =>
  approval.requestedBy.id === user.id;

/**
 * Whether `user` may act on `level` as someone's delegate: the level names who
 * may (`delegates`), else only a user who could hold the level themselves — a
 * manager's delegation to a clerk does not let the clerk approve a large order.
 */
export function mayBeDelegateFor(level: LevelState, user: Principal): boolean {
  return holdsLevel(level.delegates ?? level.approvers, user);
}

/** Whether `user` may decide `level` for themselves (delegation aside). */
export function mayDecideAs(approval: ApprovalState, level: LevelState, user: Principal): boolean {
  if (!holdsLevel(level.approvers, user)) return false;
  if (!approval.allowSelfApproval && isRequester(approval, user)) return false;
  return !(level.mode === 'all' && level.approvedBy.includes(user.id));
}

/** Enabled users holding one of the roles or named (by id or username). */
export async function usersFor(store: Store, approvers: Approvers): Promise<Principal[]> {
  const or: Record<string, unknown>[] = [];
  if (approvers.roles.length > 0) or.push({ roles: { $in: approvers.roles } });
  if (approvers.users.length > 0) {
    or.push({ _id: { $in: approvers.users } });
    or.push({ username: { $in: approvers.users } });
  }
  if (or.length === 0) return [];
  const read = () =>
    store
      .collection<UserDoc>(USERS_COLLECTION)
      .find({ $or: or, disabled: { $ne: true } }, { projection: { username: 1, roles: 1 }, sort: { username: 1 } });
  // Every submit and decision asks; the answer holds until the users collection is next written
  // where only this process writes the store (store.readThrough).
  const users = store.readThrough
    ? await store.readThrough(USERS_COLLECTION, `approvers:${JSON.stringify([approvers.roles, approvers.users])}`, read)
    : await read();
  return users.map((u) => ({ id: u._id, username: u.username, roles: [...u.roles] }));
}

/** For `all` mode: everyone whose approval the level needs (the requester excluded unless self-approval is on). */
export async function requiredApprovers(
  store: Store,
  approval: ApprovalState,
  level: LevelState,
): Promise<Principal[]> {
  const users = await usersFor(store, level.approvers);
  return approval.allowSelfApproval ? users : users.filter((u) => !isRequester(approval, u));
}
