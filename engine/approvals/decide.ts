// POST /api/documents/:type/:id/approve {comment?} and …/reject {comment}.
// A decision is one version-guarded write of the document (its approval record,
// and on completion or rejection its state, or for a change request its data),
// with its event. Two decisions racing on one level: the loser re-reads; if the
// level it decided is no longer open (`any` mode: the other decision counted) it
// gets 409 "already decided", otherwise (`all` mode: a different approver) its
// decision is applied on top, so each approver counts exactly once.
import { AppError } from '../errors';
import { fieldError, renderMessage } from '../messages/index';
import {
  applyChange,
  counterGuardOf,
  documentNotFound,
  entersCountedStates,
  toView,
  type DocumentRecord,
  type DocumentView,
  type EffectLogger,
  type EffectRequest,
} from '../documents/index';
import { messageError } from '../messages/index';
import { holdsLevel, requiredApprovers, type Principal } from './approvers';
import { completeApproval, openLevel } from './build-approval';
import { choosePrincipal, type Choice } from './choose-principal';
import type { ApprovalContext } from './context';
import { loadForApproval, noOpenApproval, openApprovalOf } from './load-open';
import { noticeDecided, noticeLevelOpened } from './notices';
import { rebalanceEffects } from './rebalance';
import { isApprovalState, type ApprovalState, type Decision } from './types';
import type { CompiledDefinition, Locale } from '../definitions/index';

export interface DecideInput {
  type: string;
  id: string;
  user: Principal;
  decision: 'approve' | 'reject';
  comment?: string;
  /** The level the caller meant to decide; 409 when another level is open by now. */
  level?: string;
  /** The caller's language, for a refusal by a capacity guard at the final approval. */
  locale?: Locale;
}

const MAX_ATTEMPTS = 8;

function alreadyDecided(doc: DocumentRecord, level: string): AppError {
  const approval = doc.approval as ApprovalState | null;
  const decision = approval?.decisions?.filter((d) => d.level === level).pop();
  const params = { level, type: doc.type, number: doc.number };
  const message = !decision
    ? { key: 'VERSION_CONFLICT.level_already_decided' as const, params }
    : decision.onBehalfOf
      ? {
          key: 'VERSION_CONFLICT.level_already_decided_on_behalf' as const,
          params: { ...params, by: decision.by.username, of: decision.onBehalfOf.username },
        }
      : { key: 'VERSION_CONFLICT.level_already_decided_by' as const, params: { ...params, by: decision.by.username } };
  return new AppError('VERSION_CONFLICT', renderMessage(message.key, 'en', message.params), {
    ...message,
    extra: { reason: 'already_decided', level, state: doc.state },
  });
}

/** The latest decided level of the document's approval that `user` is an approver of. */
function decidedLevelHeldBy(doc: DocumentRecord, user: Principal): string | null {
  if (!isApprovalState(doc.approval)) return null;
  const decided = doc.approval.steps.filter(
    (s) => (s.status === 'approved' || s.status === 'rejected') && holdsLevel(s.approvers, user),
  );
  return decided.at(-1)?.key ?? null;
}

function requireComment(input: DecideInput): void {
  if (input.decision !== 'reject' || (typeof input.comment === 'string' && input.comment.trim() !== '')) return;
  throw messageError('VALIDATION_FAILED.rejection_needs_reason', undefined, {
    errors: [fieldError('/comment', 'VALIDATION_FAILED.rejection_needs_comment')],
  });
}

interface Outcome {
  approval: ApprovalState;
  state?: string;
  data?: Record<string, unknown>;
  effects: EffectRequest[];
  levelDone: boolean;
}

async function applyDecision(
  ctx: ApprovalContext,
  input: DecideInput & {
    compiled: CompiledDefinition;
    doc: DocumentRecord;
    open: ApprovalState;
    choice: Choice;
    now: Date;
  },
): Promise<Outcome> {
  const approval = structuredClone(input.open);
  const level = approval.steps[approval.current];
  const decision: Decision = {
    level: level.key,
    by: { id: input.user.id, username: input.user.username },
    at: input.now,
    decision: input.decision,
    ...(input.comment ? { comment: input.comment } : {}),
    ...(input.choice.onBehalfOf ? { onBehalfOf: input.choice.onBehalfOf } : {}),
  };
  approval.decisions.push(decision);
  if (input.decision === 'reject') {
    level.status = 'rejected';
    level.decidedAt = input.now;
    approval.status = 'rejected';
    approval.open = null;
    const state = approval.kind === 'change' ? undefined : approval.rejectTo;
    return { approval, state, effects: [], levelDone: true };
  }
  level.approvedBy.push(input.choice.principal.id);
  const required = level.mode === 'all' ? await requiredApprovers(ctx.store, approval, level) : [];
  const levelDone = required.every((u) => level.approvedBy.includes(u.id));
  if (!levelDone) return { approval, effects: [], levelDone };
  level.status = 'approved';
  level.decidedAt = input.now;
  if (approval.current + 1 < approval.steps.length) {
    openLevel(approval, approval.current + 1, input.now);
    return { approval, effects: [], levelDone };
  }
  completeApproval(approval);
  if (approval.kind === 'change' && approval.change) {
    const effects = await rebalanceEffects(
      ctx.store,
      input.compiled,
      approval.transition,
      input.doc.data,
      approval.change.data,
    );
    return { approval, data: approval.change.data, effects, levelDone };
  }
  return { approval, state: approval.targetState, effects: approval.onComplete, levelDone };
}

function decisionDetails(outcome: Outcome, decision: Decision): Record<string, unknown> {
  const { approval } = outcome;
  const level = approval.steps.find((s) => s.key === decision.level);
  return {
    approval: {
      id: approval.id,
      kind: approval.kind,
      action: decision.decision === 'approve' ? 'approved' : 'rejected',
      level: decision.level,
      mode: level?.mode,
      decidedBy: decision.by,
      ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}),
      ...(level?.mode === 'all' ? { approvedBy: level.approvedBy, levelComplete: outcome.levelDone } : {}),
      status: approval.status,
      ...(approval.open ? { next: approval.open.level } : {}),
      ...(approval.kind === 'change' && approval.status === 'approved' && approval.change
        ? { applied: approval.change.changes }
        : {}),
    },
  };
}

/**
 * Decides the open level. `readable` says whether the caller may read the
 * document: an approver or delegate who may not is answered with the decision
 * only (decisionView), never the document's data.
 */
export async function decide(
  ctx: ApprovalContext,
  input: DecideInput,
): Promise<{ doc: DocumentRecord; readable: boolean }> {
  requireComment(input);
  let pinned: { approval: string; level: string } | null = null;
  for (let attempt = 1; ; attempt++) {
    const now = ctx.now();
    const { doc, compiled, readable } = await loadForApproval(ctx.store, ctx.registry, input);
    const open = openApprovalOf(doc);
    if (pinned && (!open || open.id !== pinned.approval || open.steps[open.current].key !== pinned.level)) {
      throw alreadyDecided(doc, pinned.level);
    }
    if (!open) {
      // Someone else decided the level this caller came to decide: say so, not "nothing open".
      const decided = decidedLevelHeldBy(doc, input.user);
      if (decided) throw alreadyDecided(doc, decided);
      if (!readable) throw documentNotFound(input.type, input.id);
      throw noOpenApproval(doc);
    }
    const level = open.steps[open.current];
    if (input.level !== undefined && input.level !== level.key) {
      throw messageError(
        'VERSION_CONFLICT.level_moved',
        { level: input.level, number: doc.number, open: level.key },
        { extra: { reason: 'level_moved', level: level.key } },
      );
    }
    const choice = await choosePrincipal({
      store: ctx.store,
      approval: open,
      level,
      user: input.user,
      now,
      readable,
      notFound: () => documentNotFound(input.type, input.id),
    }).catch((err: unknown) => {
      const decided =
        err instanceof AppError && err.extra?.reason === 'not_an_approver' ? decidedLevelHeldBy(doc, input.user) : null;
      throw decided ? alreadyDecided(doc, decided) : err;
    });
    pinned = { approval: open.id, level: level.key };
    const outcome = await applyDecision(ctx, { ...input, compiled, doc, open, choice, now });
    const decision = outcome.approval.decisions[outcome.approval.decisions.length - 1];
    // The final approval that brings the document into a capacity's counted states
    // is bounded as the guarded transition would be, at the counter's value now.
    const counterGuard =
      outcome.state !== undefined && entersCountedStates(compiled, doc.state, outcome.state)
        ? await counterGuardOf(ctx.store, compiled, {
            doc,
            data: outcome.data ?? doc.data,
            user: input.user,
            now,
            locale: input.locale,
          })
        : undefined;
    try {
      // The final approval's effects (the reservation) run before the write: a refusal is a 422 to the approver and changes nothing.
      const { doc: updated } = await applyChange(ctx.store, {
        current: doc,
        expectedVersion: doc.version,
        approval: outcome.approval,
        ...(outcome.state !== undefined ? { state: outcome.state } : {}),
        ...(outcome.data !== undefined ? { data: outcome.data } : {}),
        event: {
          kind: 'approval',
          transition: outcome.approval.transition,
          comment: input.comment,
          effects: outcome.effects,
          details: decisionDetails(outcome, decision),
        },
        actor: { id: input.user.id, username: input.user.username },
        now,
        log: ctx.log,
        engine: ctx.engine,
        counterGuard,
        request: { user: input.user, now, locale: input.locale ?? 'zh-CN' },
      });
      await afterDecision(ctx, updated, outcome.approval, now, ctx.log);
      return { doc: updated, readable };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VERSION_CONFLICT' || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

/** Notifications after a decision committed; a failure here is logged, the decision stands. */
async function afterDecision(
  ctx: ApprovalContext,
  doc: DocumentRecord,
  approval: ApprovalState,
  now: Date,
  log: EffectLogger,
): Promise<void> {
  const target = { store: ctx.store, outbound: ctx.engine.outbound };
  try {
    if (approval.status === 'pending') await noticeLevelOpened(target, doc, approval, now);
    else {
      await noticeDecided(target, doc, approval, now);
      await target.outbound?.emit?.({
        id: `${approval.id}-${approval.status}`,
        event: 'approval.decided',
        data: {
          type: doc.type,
          id: doc._id,
          number: doc.number,
          state: doc.state,
          approval: approval.id,
          kind: approval.kind,
          status: approval.status,
          decisions: approval.decisions,
        },
        at: now,
      });
    }
  } catch (err) {
    log.error({ err, docId: doc._id, approval: approval.id }, 'approval notification failed; the decision is recorded');
  }
}

/** What a decider who may not read the document gets back: where it stands, not what it holds. */
export function decisionView(doc: DocumentRecord): DocumentView {
  const view = toView(doc);
  // A change request's before/after is document data too.
  const approval = isApprovalState(doc.approval) ? { ...doc.approval, change: undefined } : null;
  return { ...view, data: {}, approval };
}
