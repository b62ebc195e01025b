// The approval engine's side of the documents engine's seam (approval-seam.ts):
// a transition with `approval` opens an approval record here. With no applicable
// level the transition completes at once and both its effects and the approval's
// run; otherwise the document waits in `pendingState`, only the transition's own
// effects run now, and `approval.effects` wait for the last approval (decide.ts).
// The seam is pure (no store, no clock of its own); each engine installs it in
// its own approval hooks (engine/context).
import { effectRequests, type ApprovalHooks, type ApprovalSeam } from '../documents/index';
import { openApproval, requestDetails } from './build-approval';
import { noticeLevelOpened } from './notices';
import { isApprovalState } from './types';

export const approvalEngineSeam: ApprovalSeam = {
  request({ transition, levels, context, actor, now }) {
    const spec = transition.approval;
    if (!spec) throw new Error(`transition ${transition.key} has no approval`);
    const from = (context.doc as { state?: unknown } | undefined)?.state;
    const fromState = typeof from === 'string' ? from : transition.from[0];
    const onComplete = effectRequests(transition, spec.effects);
    const approval = openApproval({
      kind: 'transition',
      transition: transition.key,
      levels,
      context,
      actor,
      now,
      waitingState: spec.pendingState,
      rejectTo: spec.rejectTo ?? fromState,
      targetState: transition.to,
      allowSelfApproval: spec.allowSelfApproval === true,
      onComplete,
    });
    const own = effectRequests(transition, transition.effects);
    const details = requestDetails(approval);
    if (approval.status === 'approved') {
      return { state: transition.to, approval, effects: [...own, ...onComplete], details };
    }
    return { state: spec.pendingState, approval, effects: own, details };
  },
  // The approvers hear of the first level at once; the SLA scan is only the safety net.
  async committed({ store, outbound, doc, now, log }) {
    if (!isApprovalState(doc.approval) || doc.approval.status !== 'pending') return;
    try {
      await noticeLevelOpened({ store, outbound }, doc, doc.approval, now);
    } catch (err) {
      log.error({ err, docId: doc._id }, 'approval notice failed; the SLA scan sends it later');
    }
  },
};

/** Plugs the approval engine into one engine's transitions (idempotent). */
export function installApprovalSeam(hooks: ApprovalHooks): void {
  hooks.setSeam(approvalEngineSeam);
}
