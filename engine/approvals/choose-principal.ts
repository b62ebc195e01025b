// For whom a caller decides the open level: themselves when they are an approver
// of it, else an approver who delegated to them (first match). The requester
// decides for no one unless self-approval is on, not even as someone's delegate.
import { AppError } from '../errors';
import { renderMessage, type MessageKey, type MessageParams } from '../messages/index';
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

/** Who decides the level, in both languages (a message parameter). */
function describe(level: LevelState): { 'zh-CN': string; en: string } {
  const { roles, users } = level.approvers;
  const zh = [roles.length > 0 ? `角色 ${roles.join('、')}` : '', users.length > 0 ? `用户 ${users.join('、')}` : ''];
  const en = [roles.length > 0 ? `roles ${roles.join(', ')}` : '', users.length > 0 ? `users ${users.join(', ')}` : ''];
  return {
    'zh-CN': zh.filter(Boolean).join(' 或 ') || '无人',
    en: en.filter(Boolean).join(' or ') || 'nobody',
  };
}

function refusal(
  code: 'FORBIDDEN' | 'VERSION_CONFLICT',
  key: MessageKey,
  params: MessageParams,
  reason: string,
  level: string,
) {
  return new AppError(code, renderMessage(key, 'en', params), { key, params, extra: { reason, level } });
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
  const label = {
    'zh-CN': `${level.key}（${level.label['zh-CN']}）`,
    en: `${level.key} (${level.label.en})`,
  };
  if (holdsLevel(level.approvers, user) || delegators.some((d) => holdsLevel(level.approvers, d))) {
    if (selfBlocked)
      throw refusal('FORBIDDEN', 'FORBIDDEN.self_approval', { level: label }, 'self_approval', level.key);
    throw refusal(
      'VERSION_CONFLICT',
      'VERSION_CONFLICT.already_approved_by_you',
      { level: label },
      'already_decided',
      level.key,
    );
  }
  if (!input.readable) throw input.notFound();
  const roles = { 'zh-CN': user.roles.join('、') || '无', en: user.roles.join(', ') || 'none' };
  throw refusal(
    'FORBIDDEN',
    'FORBIDDEN.not_an_approver',
    { level: label, approvers: describe(level), roles },
    'not_an_approver',
    level.key,
  );
}
