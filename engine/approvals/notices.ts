// In-app notifications the approval engine sends: a level opened, its SLA is
// near, it was escalated, and the requester's request was decided. Every one has
// a key, so sending it again (a retried job, the next SLA scan) writes nothing.
import type { LocalizedText } from '../definitions/index';
import type { DocumentRecord } from '../documents/index';
import { notify } from '../notifications/index';
import type { OutboundTarget } from '../queue/index';
import type { Store } from '../store/index';
import { holdsLevel, isRequester, usersFor } from './approvers';
import { activeDelegatesOf } from './delegations';
import type { ApprovalState, Approvers, LevelState } from './types';

const subjectOf = (doc: DocumentRecord) => ({ type: doc.type, id: doc._id, number: doc.number });

/** Approvers of a level (the requester left out unless allowed) and their active delegates. */
export async function recipientsFor(
  store: Store,
  approval: ApprovalState,
  approvers: Approvers,
  now: Date,
  /** Who may act as a delegate on the level (its `delegates`, else its approvers). */
  eligibleDelegates: Approvers = approvers,
): Promise<string[]> {
  const users = (await usersFor(store, approvers)).filter(
    (u) => approval.allowSelfApproval || !isRequester(approval, u),
  );
  const delegates = await activeDelegatesOf(
    store,
    users.map((u) => u.id),
    now,
  );
  // Only delegates who may act on the level hear of it (approvers.ts, mayBeDelegateFor).
  const delegateIds = [...new Set(delegates.map((d) => d.delegate.id))];
  const eligible = delegateIds.length
    ? (await usersFor(store, { roles: [], users: delegateIds })).filter((u) => holdsLevel(eligibleDelegates, u))
    : [];
  return [...new Set([...users.map((u) => u.id), ...eligible.map((u) => u.id)])];
}

const levelText = (level: LevelState) => level.label;

export async function noticeLevelOpened(
  target: OutboundTarget,
  doc: DocumentRecord,
  approval: ApprovalState,
  now: Date,
): Promise<void> {
  const level = approval.steps[approval.current];
  if (!level || approval.open === null) return;
  const users = await recipientsFor(target.store, approval, level.approvers, now, level.delegates);
  await notify(target, {
    users,
    kind: 'approval.waiting',
    key: `${approval.id}:${level.key}:opened`,
    title: { 'zh-CN': `${doc.number} 待您审批`, en: `${doc.number} awaits your approval` },
    message: {
      'zh-CN': `${doc.number}（${levelText(level)['zh-CN']}）等待审批。`,
      en: `${doc.number} (${levelText(level).en}) is waiting for approval.`,
    },
    subject: subjectOf(doc),
    now,
  });
}

export async function noticeSlaNear(
  target: OutboundTarget,
  doc: DocumentRecord,
  approval: ApprovalState,
  level: LevelState,
  now: Date,
): Promise<number> {
  const users = await recipientsFor(target.store, approval, level.approvers, now, level.delegates);
  const due = level.dueAt?.toISOString() ?? '';
  return notify(target, {
    users,
    kind: 'approval.sla_near',
    key: `${approval.id}:${level.key}:near`,
    title: { 'zh-CN': `${doc.number} 审批即将超时`, en: `${doc.number}: approval due soon` },
    message: {
      'zh-CN': `${doc.number}（${level.label['zh-CN']}）须在 ${due} 前审批。`,
      en: `${doc.number} (${level.label.en}) must be decided by ${due}.`,
    },
    subject: subjectOf(doc),
    now,
  });
}

export async function noticeEscalated(
  target: OutboundTarget,
  doc: DocumentRecord,
  approval: ApprovalState,
  level: LevelState,
  now: Date,
): Promise<number> {
  const users = await recipientsFor(target.store, approval, level.approvers, now, level.delegates);
  const to = level.escalateTo;
  const title: LocalizedText = to
    ? { 'zh-CN': `${doc.number} 审批已超时并升级至 ${to}`, en: `${doc.number}: approval overdue, escalated to ${to}` }
    : { 'zh-CN': `${doc.number} 审批已超时`, en: `${doc.number}: approval overdue` };
  return notify(target, {
    users,
    kind: to ? 'approval.escalated' : 'approval.overdue',
    key: `${approval.id}:${level.key}:escalated`,
    title,
    message: {
      'zh-CN': `${doc.number}（${level.label['zh-CN']}）已超过 ${level.slaHours ?? '?'} 小时未审批。`,
      en: `${doc.number} (${level.label.en}) has waited more than ${level.slaHours ?? '?'} hours.`,
    },
    subject: subjectOf(doc),
    now,
  });
}

export async function noticeDecided(
  target: OutboundTarget,
  doc: DocumentRecord,
  approval: ApprovalState,
  now: Date,
): Promise<void> {
  const approved = approval.status === 'approved';
  const last = approval.decisions[approval.decisions.length - 1];
  await notify(target, {
    users: [approval.requestedBy.id],
    kind: approved ? 'approval.approved' : 'approval.rejected',
    key: `${approval.id}:${approval.status}`,
    title: approved
      ? { 'zh-CN': `${doc.number} 已审批通过`, en: `${doc.number} was approved` }
      : { 'zh-CN': `${doc.number} 被驳回`, en: `${doc.number} was rejected` },
    message: {
      'zh-CN': `${last?.by.username ?? ''}：${last?.comment ?? ''}`,
      en: `${last?.by.username ?? ''}: ${last?.comment ?? ''}`,
    },
    subject: subjectOf(doc),
    now,
  });
}
