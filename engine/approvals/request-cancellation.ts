// POST /api/documents/:type/:id/cancellation {reason}: cancels through the
// definition's cancel transition — its roles, `from` states and guard apply, and
// its approval levels if it has any. Without an applicable level the document is
// cancelled at once; otherwise it waits in the transition's pendingState and the
// last approval cancels it. The cancel effects (reservations released) run only
// when the document actually reaches the cancelled state, recorded on that one
// event, so they apply exactly once; a replayed request finds the document
// cancelled (terminal: 422) or, with an Idempotency-Key, gets the first answer.
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import type { CompiledDefinition, TransitionDef, Locale } from '../definitions/index';
import {
  effectRequests,
  applyChange,
  envelopeOf,
  assertMayRunTransition,
  assertTransitionScope,
  readDocument,
  loadRuleInputs,
  ruleContext,
  type DocumentRecord,
} from '../documents/index';
import { listParam, messageError } from '../messages/index';
import { brokenInputs, ruleHolds } from '../rules/index';
import type { Principal } from './approvers';
import { openApproval, requestDetails } from './build-approval';
import type { ApprovalContext } from './context';
import { openApprovalOf } from './load-open';
import { noticeLevelOpened } from './notices';

export interface CancellationInput {
  type: string;
  id: string;
  user: Principal;
  reason: string;
  locale: Locale;
}

/** The transition named `cancel`, else the first one into a terminal state named `cancelled`. */
export function cancelTransition(compiled: CompiledDefinition): TransitionDef | null {
  return (
    compiled.transitions.get('cancel') ??
    compiled.def.transitions.find((t) => t.to === 'cancelled' && compiled.states.get(t.to)?.terminal) ??
    null
  );
}

function refuseState(doc: DocumentRecord, compiled: CompiledDefinition, cancel: TransitionDef): void {
  if (compiled.states.get(doc.state)?.terminal) {
    throw messageError(
      'RULE_FAILED.final_state_not_cancellable',
      { number: doc.number, state: doc.state },
      { extra: { state: doc.state } },
    );
  }
  if (!cancel.from.includes(doc.state)) {
    throw messageError(
      'RULE_FAILED.not_cancellable_from_state',
      { type: doc.type, state: doc.state, from: listParam(cancel.from) },
      { extra: { state: doc.state, transition: cancel.key } },
    );
  }
}

export async function requestCancellation(ctx: ApprovalContext, input: CancellationInput): Promise<DocumentRecord> {
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    throw messageError('VALIDATION_FAILED.cancellation_needs_reason', undefined, {
      errors: [fieldError('/reason', 'VALIDATION_FAILED.reason_required')],
    });
  }
  const now = ctx.now();
  const { doc, compiled, latest } = await readDocument(ctx.store, ctx.registry, input);
  const cancel = cancelTransition(compiled);
  if (!cancel) throw messageError('RULE_FAILED.no_cancel_transition', { type: doc.type });
  refuseState(doc, compiled, cancel);
  assertMayRunTransition(latest.def, cancel, input.user);
  assertTransitionScope(latest.def, cancel, input.user, doc);

  const inputs = await loadRuleInputs(ctx.store, compiled, doc.data, { excludeId: doc._id });
  const context = ruleContext({ data: doc.data, doc: envelopeOf(doc), user: input.user, now, ...inputs });
  const guard = compiled.guards.get(cancel.key);
  if (guard && (!ruleHolds(guard, context) || brokenInputs(cancel.guard?.logic, context).length > 0)) {
    const extra = { transition: cancel.key, rule: 'guard', i18n: cancel.guard?.message };
    // The definition's own message is in both languages already; without one, the catalogue's.
    const message = cancel.guard?.message?.[input.locale];
    if (!message) throw messageError('RULE_FAILED.guard_failed', { transition: cancel.key }, { extra });
    throw new AppError('RULE_FAILED', message, { extra });
  }

  const superseded = openApprovalOf(doc);
  const onComplete = [...effectRequests(cancel, cancel.effects), ...effectRequests(cancel, cancel.approval?.effects)];
  const actor = { id: input.user.id, username: input.user.username };
  const approval = openApproval({
    kind: 'cancellation',
    transition: cancel.key,
    levels: compiled.approvalLevels.get(cancel.key) ?? [],
    context,
    actor,
    now,
    waitingState: cancel.approval?.pendingState ?? doc.state,
    rejectTo: cancel.approval?.rejectTo ?? doc.state,
    targetState: cancel.to,
    allowSelfApproval: cancel.approval?.allowSelfApproval === true,
    onComplete,
    reason: input.reason,
  });
  const done = approval.status === 'approved';
  const details = requestDetails(approval);
  if (superseded)
    (details.approval as Record<string, unknown>).superseded = { id: superseded.id, kind: superseded.kind };
  // Releases run after the write (they cannot refuse); the outbox and the resume sweep apply them exactly once.
  const { doc: updated } = await applyChange(ctx.store, {
    current: doc,
    expectedVersion: doc.version,
    state: done ? cancel.to : approval.waitingState,
    approval,
    event: {
      kind: 'cancellation',
      transition: cancel.key,
      reason: input.reason,
      effects: done ? onComplete : [],
      details,
    },
    actor,
    now,
    log: ctx.log,
    engine: ctx.engine,
  });
  if (!done) {
    await noticeLevelOpened({ store: ctx.store, outbound: ctx.engine.outbound }, updated, approval, now).catch(
      (err: unknown) => {
        ctx.log.error({ err, docId: updated._id }, 'approval notification failed; the request is recorded');
      },
    );
  }
  return updated;
}
