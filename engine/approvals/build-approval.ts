// Opens an approval: evaluates every level's `when` once, on the values at the
// time of the request, and keeps the applicable ones (in definition order) with
// the reason each applies, plus the others with the reason they do not. The first
// applicable level opens at once; with none the approval is complete at once.
import type { CompiledLevel, Actor, EffectRequest } from '../documents/index';
import { brokenInputs, type RuleContext } from '../rules/index';
import { newId } from '../store/index';
import { explainRule } from './explain-rule';
import type { ApprovalKind, ApprovalState, ChangeProposal, LevelState, SkippedLevel } from './types';

export interface EvaluatedLevels {
  applied: LevelState[];
  skipped: SkippedLevel[];
}

export function evaluateLevels(levels: CompiledLevel[], context: RuleContext): EvaluatedLevels {
  const applied: LevelState[] = [];
  const skipped: SkippedLevel[] = [];
  for (const { level, when } of levels) {
    const explained = explainRule(level.when, when, context);
    // Missing or non-finite inputs (an overflowed total) make the level apply: fail closed.
    const broken = brokenInputs(level.when, context);
    const why = broken.length > 0 && !explained.holds ? { ...explained, holds: true, brokenInputs: broken } : explained;
    if (!why.holds) {
      skipped.push({ key: level.key, label: level.label, why });
      continue;
    }
    applied.push({
      key: level.key,
      label: level.label,
      mode: level.mode ?? 'any',
      approvers: { roles: [...(level.approvers.roles ?? [])], users: [...(level.approvers.users ?? [])] },
      ...(level.delegates
        ? { delegates: { roles: [...(level.delegates.roles ?? [])], users: [...(level.delegates.users ?? [])] } }
        : {}),
      ...(level.slaHours !== undefined ? { slaHours: level.slaHours } : {}),
      ...(level.escalateTo !== undefined ? { escalateTo: level.escalateTo } : {}),
      why,
      status: 'waiting',
      approvedBy: [],
    });
  }
  return { applied, skipped };
}

const HOUR_MS = 3600_000;

/** Makes level `index` the open one (mutates `approval`). */
export function openLevel(approval: ApprovalState, index: number, now: Date): void {
  const step = approval.steps[index];
  step.status = 'open';
  step.openedAt = now;
  const dueAt = step.slaHours === undefined ? null : new Date(now.getTime() + step.slaHours * HOUR_MS);
  if (dueAt) step.dueAt = dueAt;
  approval.current = index;
  approval.open = {
    level: step.key,
    roles: [...step.approvers.roles],
    users: [...step.approvers.users],
    openedAt: now,
    dueAt,
  };
}

/** Marks the approval complete (mutates it). */
export function completeApproval(approval: ApprovalState): void {
  approval.status = 'approved';
  approval.current = approval.steps.length;
  approval.open = null;
}

export interface OpenApprovalInput {
  kind: ApprovalKind;
  transition: string;
  levels: CompiledLevel[];
  context: RuleContext;
  actor: Actor;
  now: Date;
  waitingState: string;
  rejectTo: string;
  targetState: string;
  allowSelfApproval: boolean;
  onComplete: EffectRequest[];
  reason?: string;
  change?: ChangeProposal;
}

export function openApproval(input: OpenApprovalInput): ApprovalState {
  const { applied, skipped } = evaluateLevels(input.levels, input.context);
  const approval: ApprovalState = {
    id: newId(),
    kind: input.kind,
    transition: input.transition,
    levels: applied.map((l) => l.key),
    current: 0,
    status: 'pending',
    decisions: [],
    requestedBy: input.actor,
    requestedAt: input.now,
    waitingState: input.waitingState,
    rejectTo: input.rejectTo,
    targetState: input.targetState,
    allowSelfApproval: input.allowSelfApproval,
    steps: applied,
    skipped,
    onComplete: input.onComplete,
    open: null,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.change ? { change: input.change } : {}),
  };
  if (applied.length === 0) completeApproval(approval);
  else openLevel(approval, 0, input.now);
  return approval;
}

/** What the request's history event records: which levels applied and why, and which did not. */
export function requestDetails(approval: ApprovalState): Record<string, unknown> {
  return {
    approval: {
      id: approval.id,
      kind: approval.kind,
      action: 'requested',
      status: approval.status,
      applied: approval.steps.map((s) => ({
        key: s.key,
        label: s.label,
        mode: s.mode,
        approvers: s.approvers,
        why: s.why,
      })),
      skipped: approval.skipped,
      ...(approval.change ? { changes: approval.change.changes } : {}),
    },
  };
}
