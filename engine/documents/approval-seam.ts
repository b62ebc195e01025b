// The seam between transitions and the approval engine (issue 5). A transition with
// `approval` asks the seam where the document goes. The default here evaluates
// which levels apply (their `when`, in order) and:
// - with none applicable: the transition completes at once (state `to`), and both
//   the transition's effects and `approval.effects` apply;
// - otherwise: the document waits in `approval.pendingState` with an approval
//   record listing the applied levels (current = 0), and only the transition's own
//   effects apply now; deciding levels (approve/reject) is the approval engine's job,
//   which replaces this seam with the engine's `approvals.setSeam()`.
import type { ApprovalLevel, TransitionDef } from '../definitions/index';
import { ruleHolds, type CompiledRule, type RuleContext } from '../rules/index';
import type { Outbound } from '../queue/index';
import type { Store } from '../store/index';
import type { Actor, ApprovalRecord, DocumentRecord } from './document-record';
import type { EffectLogger } from './effects';
import type { EffectRequest } from './events';
import { brokenInputs } from '../rules/index';

export interface CompiledLevel {
  level: ApprovalLevel;
  /** Null when the level has no `when` (always applies). */
  when: CompiledRule | null;
}

export interface ApprovalRequest {
  transition: TransitionDef;
  levels: CompiledLevel[];
  context: RuleContext;
  actor: Actor;
  now: Date;
}

export interface ApprovalOutcome {
  state: string;
  approval: ApprovalRecord;
  effects: EffectRequest[];
  /** Recorded on the transition's event (e.g. which levels applied and why). */
  details?: Record<string, unknown>;
}

export interface ApprovalSeam {
  request(request: ApprovalRequest): Promise<ApprovalOutcome> | ApprovalOutcome;
  /** After the transition that asked for approval committed (e.g. tell the approvers of the open level at once). */
  committed?(input: {
    store: Store;
    /** The engine's channels (the notice goes on to e-mail and webhooks). */
    outbound?: Outbound;
    doc: DocumentRecord;
    now: Date;
    log: EffectLogger;
  }): Promise<void>;
}

export function effectRequests(transition: TransitionDef, names: string[] | undefined): EffectRequest[] {
  return (names ?? []).map((name) => ({
    name,
    ...(transition.effectOptions?.[name] ? { options: transition.effectOptions[name] } : {}),
  }));
}

export const defaultApprovalSeam: ApprovalSeam = {
  request({ transition, levels, context, actor, now }) {
    const approval = transition.approval;
    if (!approval) throw new Error(`transition ${transition.key} has no approval`);
    const applied = levels
      .filter((l) => l.when === null || brokenInputs(l.level.when, context).length > 0 || ruleHolds(l.when, context))
      .map((l) => l.level.key);
    const record: ApprovalRecord = {
      transition: transition.key,
      levels: applied,
      current: 0,
      status: applied.length === 0 ? 'approved' : 'pending',
      decisions: [],
      requestedBy: actor,
      requestedAt: now,
    };
    if (applied.length === 0) {
      return {
        state: transition.to,
        approval: record,
        effects: [...effectRequests(transition, transition.effects), ...effectRequests(transition, approval.effects)],
      };
    }
    return { state: approval.pendingState, approval: record, effects: effectRequests(transition, transition.effects) };
  },
};

/** One engine's approval seam: the default until the approval engine installs itself. */
export interface ApprovalHooks {
  seam(): ApprovalSeam;
  /** The approval engine installs itself here; pass nothing to restore the default. */
  setSeam(seam?: ApprovalSeam): void;
}

export function createApprovalHooks(): ApprovalHooks {
  let current: ApprovalSeam = defaultApprovalSeam;
  return {
    seam: () => current,
    setSeam(seam) {
      current = seam ?? defaultApprovalSeam;
    },
  };
}
