// POST /api/approvals/explain {type, id? | data?, transition}: a dry run. Which
// levels would apply to this document (or to these values, or to a document with
// `data` merged in as a proposed change), the rule that makes each apply or not,
// with the values it read, and who could approve each (users holding the roles,
// named users, and their active delegates). Writes nothing. Who could approve is
// shown only to an admin or to a caller who could decide one of the levels: a
// clerk learns which roles decide, not the approvers' usernames and ids
// (issue 10, finding 7).
import type { CompiledDefinition, LocalizedText } from '../definitions/index';
import {
  envelopeOf,
  readFilter,
  mergePatch,
  readDocument,
  loadRuleInputs,
  ruleContext,
  type CompiledLevel,
  type Actor,
} from '../documents/index';
import { messageError } from '../messages/index';
import type { RuleContext } from '../rules/index';
import { holdsLevel, usersFor, type Principal } from './approvers';
import { approvingTransition, changeAllowsSelfApproval, changeLevels } from './change-levels';
import type { ApprovalContext } from './context';
import { activeDelegatesOf } from './delegations';
import { explainRule } from './explain-rule';
import type { RuleExplanation } from './types';

export const CHANGE_TRANSITION = 'change';

export interface ExplainInput {
  type: string;
  id?: string;
  data?: Record<string, unknown>;
  transition: string;
  user: Principal;
}

export interface Candidate {
  id: string;
  username: string;
  via: string[];
  /** Why this user cannot decide although they hold the level. */
  excluded?: 'requester';
}

export interface ExplainedLevel {
  key: string;
  label: LocalizedText;
  applies: boolean;
  why: RuleExplanation;
  mode: 'any' | 'all';
  approvers: { roles: string[]; users: string[] };
  candidates: Candidate[];
  delegates: Array<{ delegate: Actor; onBehalfOf: string }>;
  /** True when the caller may not see who the approvers are: `candidates`, `delegates` and named users are left out. */
  approversHidden?: boolean;
  slaHours?: number;
  escalateTo?: string;
}

export interface Explanation {
  type: string;
  transition: string;
  definitionVersion: number;
  /** What the rules saw: the data after computed fields. */
  data: Record<string, unknown>;
  levels: ExplainedLevel[];
  outcome: { applicable: string[]; immediate: boolean; state: string | null };
}

interface Subject {
  compiled: CompiledDefinition;
  data: Record<string, unknown>;
  context: RuleContext;
  levels: CompiledLevel[];
  allowSelfApproval: boolean;
  pendingState: string | null;
  target: string | null;
}

async function subjectOf(ctx: ApprovalContext, input: ExplainInput): Promise<Subject> {
  const now = ctx.now();
  let compiled: CompiledDefinition;
  let base: Record<string, unknown>;
  let envelope: object;
  let docState: string;
  let loaded: Awaited<ReturnType<typeof readDocument>> | null = null;
  if (input.id) {
    loaded = await readDocument(ctx.store, ctx.registry, { type: input.type, id: input.id, user: input.user });
    compiled = loaded.compiled;
    base = input.data ? mergePatch(loaded.doc.data, input.data) : loaded.doc.data;
    envelope = envelopeOf(loaded.doc);
    docState = loaded.doc.state;
  } else {
    compiled = await ctx.registry.latest(input.type);
    readFilter(compiled.def, compiled.rowFilters, input.user);
    base = input.data ?? {};
    docState = compiled.def.initialState;
    envelope = {
      type: compiled.def.key,
      state: docState,
      version: 0,
      definitionVersion: compiled.def.version,
      createdBy: input.user.id,
    };
  }
  const inputs = await loadRuleInputs(ctx.store, compiled, base, input.id ? { excludeId: input.id } : {});
  const computeContext = ruleContext({ data: base, doc: envelope, user: input.user, now, ...inputs });
  const data = input.data || !input.id ? compiled.computed.apply(structuredClone(base), computeContext) : base;
  const context = { ...computeContext, data };
  if (input.transition === CHANGE_TRANSITION) {
    const original = loaded
      ? approvingTransition(compiled, loaded.doc)
      : (compiled.def.transitions.find((t) => t.approval) ?? null);
    return {
      compiled,
      data,
      context,
      levels: changeLevels(compiled, original),
      allowSelfApproval: changeAllowsSelfApproval(compiled, original),
      pendingState: docState,
      target: docState,
    };
  }
  const transition = compiled.transitions.get(input.transition);
  if (!transition)
    throw messageError('NOT_FOUND.transition_or_change', {
      type: input.type,
      transition: input.transition,
      change: CHANGE_TRANSITION,
    });
  return {
    compiled,
    data,
    context,
    levels: compiled.approvalLevels.get(transition.key) ?? [],
    allowSelfApproval: transition.approval?.allowSelfApproval === true,
    pendingState: transition.approval?.pendingState ?? null,
    target: transition.to,
  };
}

async function explainLevel(
  ctx: ApprovalContext,
  subject: Subject,
  compiled: CompiledLevel,
  user: Principal,
): Promise<ExplainedLevel> {
  const { level } = compiled;
  const approvers = { roles: level.approvers.roles ?? [], users: level.approvers.users ?? [] };
  const users = await usersFor(ctx.store, approvers);
  const candidates: Candidate[] = users.map((u) => ({
    id: u.id,
    username: u.username,
    via: [
      ...u.roles.filter((r) => approvers.roles.includes(r)).map((r) => `role:${r}`),
      ...(approvers.users.some((n) => n === u.id || n === u.username) ? ['named'] : []),
    ],
    ...(!subject.allowSelfApproval && u.id === user.id ? { excluded: 'requester' as const } : {}),
  }));
  const delegations = await activeDelegatesOf(
    ctx.store,
    users.map((u) => u.id),
    ctx.now(),
  );
  return {
    key: level.key,
    label: level.label,
    applies: false,
    why: explainRule(level.when, compiled.when, subject.context),
    mode: level.mode ?? 'any',
    approvers,
    candidates,
    delegates: delegations.map((d) => ({ delegate: d.delegate, onBehalfOf: d.delegator.username })),
    ...(level.slaHours !== undefined ? { slaHours: level.slaHours } : {}),
    ...(level.escalateTo !== undefined ? { escalateTo: level.escalateTo } : {}),
  };
}

export async function explainApproval(ctx: ApprovalContext, input: ExplainInput): Promise<Explanation> {
  const subject = await subjectOf(ctx, input);
  const seesApprovers =
    input.user.roles.includes('admin') ||
    subject.levels.some(({ level }) =>
      holdsLevel({ roles: level.approvers.roles ?? [], users: level.approvers.users ?? [] }, input.user),
    );
  const levels: ExplainedLevel[] = [];
  for (const level of subject.levels) {
    const explained = await explainLevel(ctx, subject, level, input.user);
    const shown = seesApprovers
      ? explained
      : {
          ...explained,
          approvers: { roles: explained.approvers.roles, users: [] },
          candidates: [],
          delegates: [],
          approversHidden: true,
        };
    levels.push({ ...shown, applies: explained.why.holds });
  }
  const applicable = levels.filter((l) => l.applies).map((l) => l.key);
  const immediate = applicable.length === 0;
  return {
    type: subject.compiled.def.key,
    transition: input.transition,
    definitionVersion: subject.compiled.def.version,
    data: subject.data,
    levels,
    outcome: { applicable, immediate, state: immediate ? subject.target : subject.pendingState },
  };
}
