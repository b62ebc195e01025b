// Delegation: while one is active, the delegate decides approvals for the
// delegator (holiday cover). A decision made this way records both: `by` the
// delegate, `onBehalfOf` the approver. Dates may be days (`2026-03-02`, whole
// days in China Standard Time, the shops' zone) or date-times with a zone.
import { recordAudit } from '../audit/index';
import type { FieldError } from '../errors';
import { fieldErrorsParam, messageError } from '../messages/index';
import { fieldError } from '../messages/index';
import type { Actor } from '../documents/index';
import { newId, type Store, type StoredDoc } from '../store/index';
import { USERS_COLLECTION, type UserDoc } from '../users/index';
import type { Principal } from './approvers';

export const DELEGATIONS_COLLECTION = 'approval_delegations';

export interface DelegationDoc extends StoredDoc {
  delegator: Actor;
  delegate: Actor;
  from: Date;
  until: Date;
  createdAt: Date;
}

export interface DelegationView {
  id: string;
  delegator: Actor;
  delegate: Actor;
  from: Date;
  until: Date;
  createdAt: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const SHOP_OFFSET = '+08:00';

function parseBound(value: string, end: boolean, path: string, errors: FieldError[]): Date | null {
  let date: Date | null = null;
  if (DAY.test(value)) date = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}${SHOP_OFFSET}`);
  else if (DATE_TIME.test(value)) date = new Date(value);
  if (!date || Number.isNaN(date.getTime())) {
    errors.push(fieldError(path, 'VALIDATION_FAILED.date_or_date_time'));
    return null;
  }
  return date;
}

const delegations = (store: Store) => store.collection<DelegationDoc>(DELEGATIONS_COLLECTION);

export const toDelegationView = (d: DelegationDoc): DelegationView => ({
  id: d._id,
  delegator: d.delegator,
  delegate: d.delegate,
  from: d.from,
  until: d.until,
  createdAt: d.createdAt,
});

export interface CreateDelegationInput {
  user: Actor;
  /** User id or username of the delegate: one of `candidates`. */
  to: string;
  /** Who may be the caller's delegate (delegate-candidates.ts). */
  candidates: Actor[];
  from: string;
  until: string;
  now: Date;
}

export async function createDelegation(store: Store, input: CreateDelegationInput): Promise<DelegationView> {
  const errors: FieldError[] = [];
  const from = parseBound(input.from, false, '/from', errors);
  const until = parseBound(input.until, true, '/until', errors);
  if (from && until && until.getTime() < from.getTime())
    errors.push(fieldError('/until', 'VALIDATION_FAILED.until_before_from'));
  if (until && until.getTime() < input.now.getTime()) errors.push(fieldError('/until', 'VALIDATION_FAILED.until_past'));
  // One answer for a name that does not exist and one that may not be a delegate: no username enumeration.
  const delegate = input.candidates.find((c) => c.username === input.to || c.id === input.to);
  if (!delegate) errors.push(fieldError('/to', 'VALIDATION_FAILED.not_a_delegate'));
  if (errors.length > 0 || !from || !until || !delegate) {
    throw messageError('VALIDATION_FAILED.delegation_invalid', { problems: fieldErrorsParam(errors) }, { errors });
  }
  const doc = await delegations(store).insertOne({
    _id: newId(),
    delegator: { id: input.user.id, username: input.user.username },
    delegate: { id: delegate.id, username: delegate.username },
    from,
    until,
    createdAt: input.now,
  });
  await recordAudit(
    store,
    {
      action: 'approval.delegation.created',
      actor: input.user,
      subject: doc._id,
      details: { to: doc.delegate, from, until },
    },
    input.now,
  );
  return toDelegationView(doc);
}

/** The caller's own delegations (given) and those naming them as delegate (received). */
export async function listDelegations(
  store: Store,
  user: Actor,
): Promise<{ items: DelegationView[]; received: DelegationView[] }> {
  const given = await delegations(store).find({ 'delegator.id': user.id }, { sort: { from: 1 } });
  const received = await delegations(store).find({ 'delegate.id': user.id }, { sort: { from: 1 } });
  return { items: given.map(toDelegationView), received: received.map(toDelegationView) };
}

export async function deleteDelegation(store: Store, user: Actor, id: string, now: Date): Promise<void> {
  const deleted = await delegations(store).deleteOne({ _id: id, 'delegator.id': user.id });
  if (!deleted) throw messageError('NOT_FOUND.delegation', { id });
  await recordAudit(store, { action: 'approval.delegation.deleted', actor: user, subject: id }, now);
}

/** Users who have delegated to `delegateId` at `at` (enabled ones, with their current roles). */
export async function activeDelegators(store: Store, delegateId: string, at: Date): Promise<Principal[]> {
  const active = await delegations(store).find({ 'delegate.id': delegateId, from: { $lte: at }, until: { $gte: at } });
  if (active.length === 0) return [];
  const ids = [...new Set(active.map((d) => d.delegator.id))];
  const users = await store.collection<UserDoc>(USERS_COLLECTION).find({ _id: { $in: ids }, disabled: { $ne: true } });
  return users.map((u) => ({ id: u._id, username: u.username, roles: u.roles }));
}

/** Active delegations of any of `delegatorIds` at `at` (to notify the delegates too, to explain). */
export async function activeDelegatesOf(
  store: Store,
  delegatorIds: string[],
  at: Date,
): Promise<Array<{ delegate: Actor; delegator: Actor }>> {
  if (delegatorIds.length === 0) return [];
  const active = await delegations(store).find({
    'delegator.id': { $in: delegatorIds },
    from: { $lte: at },
    until: { $gte: at },
  });
  return active.map((d) => ({ delegate: d.delegate, delegator: d.delegator }));
}

export async function ensureDelegationIndexes(store: Store): Promise<void> {
  await delegations(store).createIndex({ name: 'delegate_period', keys: { 'delegate.id': 1, until: 1 } });
  await delegations(store).createIndex({ name: 'delegator_period', keys: { 'delegator.id': 1, until: 1 } });
}
