// For whom a caller decides the open level: themselves when they are an approver
// of it, else an approver who delegated to them (first match). The requester
// decides for no one unless self-approval is on, not even as someone's delegate.
import { AppError } from '../errors';
import type { Actor } from '../documents/index';
import type { Store } from '../store/index';
import { holdsLevel, isRequester, mayBeDelegateFor, mayDecideAs, type Principal } from './approvers';
import { activeDelegators } from './delegations';
import type { ApprovalState, LevelState } from './types';

export interface Choice {
  principal: Principal;
  /** Set when the caller decides as a delegate. */
  onBehalfOf?: Actor;
}

function describe(level: LevelState): string {
  const parts = [];
  if (level.approvers.roles.length > 0) parts.push(`roles ${level.approvers.roles.join(', ')}`);
  if (level.approvers.users.length > 0) parts.push(`users ${level.approvers.users.join(', ')}`);
  return parts.join(' or ') || 'nobody';
}

export async function choosePrincipal(input: {
  store: Store;
  approval: ApprovalState;
  level: LevelState;
  user: Principal;
  now: Date;
  /** Whether the caller may read the document: decides 404 vs 403 for non-approvers. */
  readable: boolean;
  notFound: () => AppError;
}): Promise<Choice> {
  const { approval, level, user } = input;
  const selfBlocked = !approval.allowSelfApproval && isRequester(approval, user);
  if (mayDecideAs(approval, level, user)) return { principal: user };
  const delegators = mayBeDelegateFor(level, user) ? await activeDelegators(input.store, user.id, input.now) : [];
  const delegator = delegators.find((d) => mayDecideAs(approval, level, d));
  if (delegator && !selfBlocked)
    return { principal: delegator, onBehalfOf: { id: delegator.id, username: delegator.username } };
  const label = `${level.key} (${level.label.en})`;
  if (holdsLevel(level.approvers, user) || delegators.some((d) => holdsLevel(level.approvers, d))) {
    if (selfBlocked) {
      throw new AppError(
        'FORBIDDEN',
        `不能审批自己提交的申请 / You requested this approval; you cannot decide it yourself (level ${label}).`,
        {
          extra: { reason: 'self_approval', level: level.key },
        },
      );
    }
    throw new AppError(
      'VERSION_CONFLICT',
      `您已审批过此级 / You already approved level ${label}; it waits for the other approvers.`,
      {
        extra: { reason: 'already_decided', level: level.key },
      },
    );
  }
  if (!input.readable) throw input.notFound();
  throw new AppError(
    'FORBIDDEN',
    `您不是此级的审批人 / Level ${label} is decided by ${describe(level)}; you have roles ${user.roles.join(', ') || 'none'}.`,
    {
      extra: { reason: 'not_an_approver', level: level.key },
    },
  );
}
