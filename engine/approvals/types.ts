// The approval record the approval engine keeps on a document (`doc.approval`).
// It extends the documents engine's ApprovalRecord (levels, current, status,
// decisions) with what deciding, the inbox, explain and the SLA scan need: each
// applied level with the rule that made it apply, its approvers, when it opened
// and who approved it; the levels that did not apply and why; the effects to run
// when the approval completes; and for a change request the proposed data.
import type { JsonLogic, LocalizedText } from '../definitions/index';
import type { Actor, ApprovalRecord, EffectRequest } from '../documents/index';

export type ApprovalKind = 'transition' | 'change' | 'cancellation';

/** Why a level applies (or does not): the rule, a readable form, and the values it read. */
export interface RuleExplanation {
  /** The level's `when`; null when it has none (it always applies). */
  rule: JsonLogic | null;
  holds: boolean;
  /** e.g. `data.total ≥ 10000`. */
  text: string;
  /** Every path the rule reads, with its value at evaluation: `{"data.total": 50000}`. */
  vars: Record<string, unknown>;
  /** For a top-level `or`/`and`: which parts held. */
  clauses?: Array<{ text: string; holds: boolean }>;
  /** Inputs that were missing or not finite, which made the level apply (fail closed). */
  brokenInputs?: string[];
}

export interface Approvers {
  roles: string[];
  /** User ids or usernames. */
  users: string[];
}

export type LevelStatus = 'waiting' | 'open' | 'approved' | 'rejected';

export interface LevelState {
  key: string;
  label: LocalizedText;
  mode: 'any' | 'all';
  approvers: Approvers;
  /** Who may decide as an approver's delegate (the level's `delegates`); absent: those who could hold the level. */
  delegates?: Approvers;
  slaHours?: number;
  escalateTo?: string;
  why: RuleExplanation;
  status: LevelStatus;
  openedAt?: Date;
  dueAt?: Date;
  decidedAt?: Date;
  /** Users (the principals, not their delegates) who approved; in `all` mode each counts once. */
  approvedBy: string[];
  escalatedAt?: Date;
}

export interface SkippedLevel {
  key: string;
  label: LocalizedText;
  why: RuleExplanation;
}

export interface Decision {
  level: string;
  /** Who clicked: the approver, or their delegate. */
  by: Actor;
  at: Date;
  decision: 'approve' | 'reject';
  comment?: string;
  /** Set when `by` decided as a delegate of this approver. */
  onBehalfOf?: Actor;
}

/** One changed top-level field of a change request. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ChangeProposal {
  patch: Record<string, unknown>;
  /** The full data once applied (computed fields included). */
  data: Record<string, unknown>;
  changes: FieldChange[];
}

/** The open level, denormalised so the inbox and the SLA scan can filter on it. */
export interface OpenLevel {
  level: string;
  roles: string[];
  users: string[];
  openedAt: Date;
  dueAt: Date | null;
}

export interface ApprovalState extends ApprovalRecord {
  /** Identifies this request (notification ids, pinned decisions). */
  id: string;
  kind: ApprovalKind;
  /** The state the document waits in while the approval is open. */
  waitingState: string;
  /** Where a rejection sends it. */
  rejectTo: string;
  /** Where completion sends it. */
  targetState: string;
  allowSelfApproval: boolean;
  steps: LevelState[];
  skipped: SkippedLevel[];
  /** Effects applied once when the approval completes. */
  onComplete: EffectRequest[];
  reason?: string;
  change?: ChangeProposal;
  decisions: Decision[];
  open: OpenLevel | null;
}

export function isApprovalState(value: unknown): value is ApprovalState {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as ApprovalState).steps) &&
    typeof (value as ApprovalState).id === 'string'
  );
}

/** The actor of events the engine writes by itself (escalations). */
export const SYSTEM_ACTOR: Actor = { id: 'system', username: 'system' };
