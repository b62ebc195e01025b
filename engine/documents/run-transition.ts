// POST /api/documents/:type/:id/transitions/:key {version, comment?, reason?}.
// Checks, in order: the document is visible, the transition exists, the caller may
// run it, the version is current, no change or cancellation request waits for
// approval (pending-request.ts), the state allows it, required input is there,
// the guard holds. Then asks the approval seam where the document goes (for a
// transition with approval levels) and applies the change (apply-change.ts): the
// effects that may refuse run first, with compensation, so a refusal answers 422
// and changes nothing; then the state change commits with a version guard
// (concurrent transitions: exactly one wins, the others get 409); then the
// after-commit effects run (the rest wait in the outbox, see effects.ts),
// among them the `document.transitioned` webhooks when a webhook listens.
import type { FieldError } from '../errors';
import { fieldError } from '../messages/index';
import type { DefinitionRegistry, Locale, TransitionDef } from '../definitions/index';
import { brokenInputs, ruleHolds } from '../rules/index';
import type { Store } from '../store/index';
import { effectRequests } from './approval-seam';
import { applyChange } from './apply-change';
import { versionConflict } from './commit-change';
import { envelopeOf, type ApprovalRecord, type DocumentRecord } from './document-record';
import type { EffectLogger } from './effects';
import type { EffectRequest } from './events';
import { guardRefusal } from './guard-message';
import { assertNoPendingRequest } from './pending-request';
import { assertMayRunTransition, readScope } from './permissions';
import { publishEffects } from '../webhooks/index';
import { readDocument } from './read-document';
import { assertTransitionScope } from './transition-scope';
import { loadRuleInputs, ruleContext } from './rule-context';
import type { RuleUser } from './row-filter';
import type { DocumentServices } from './services';
import type { CounterGuard } from './counter-writes';
import { listParam, messageError } from '../messages/index';

export interface TransitionInput {
  type: string;
  id: string;
  key: string;
  version: number;
  reason?: string;
  comment?: string;
  user: RuleUser;
  now: Date;
  locale: Locale;
  log: EffectLogger;
  /** The engine's approval seam and effects. */
  engine: DocumentServices;
}

function checkRequired(transition: TransitionDef, input: TransitionInput): void {
  const errors: FieldError[] = [];
  for (const field of transition.requires ?? []) {
    const value = input[field];
    if (typeof value !== 'string' || value.trim() === '') {
      const key = field === 'reason' ? 'VALIDATION_FAILED.reason_required' : 'VALIDATION_FAILED.comment_required';
      errors.push(fieldError(`/${field}`, key));
    }
  }
  if (errors.length > 0) {
    const fields = listParam(errors.map((e) => e.path.slice(1)));
    throw messageError('VALIDATION_FAILED.transition_needs', { transition: transition.key, fields }, { errors });
  }
}

export async function runTransition(
  store: Store,
  registry: DefinitionRegistry,
  input: TransitionInput,
): Promise<DocumentRecord> {
  const { doc, compiled, latest } = await readDocument(store, registry, input);
  const transition = compiled.transitions.get(input.key);
  if (!transition) {
    throw messageError('NOT_FOUND.transition', {
      type: doc.type,
      version: doc.definitionVersion,
      transition: input.key,
    });
  }
  assertMayRunTransition(latest.def, transition, input.user);
  assertTransitionScope(latest.def, transition, input.user, doc);
  if (doc.version !== input.version) throw versionConflict(doc.type, doc._id, input.version, doc.version);
  assertNoPendingRequest(doc, `run "${transition.key}"`);
  if (!transition.from.includes(doc.state)) {
    throw messageError(
      'RULE_FAILED.transition_not_from_state',
      { transition: transition.key, type: doc.type, state: doc.state, from: listParam(transition.from) },
      { extra: { state: doc.state, transition: transition.key } },
    );
  }
  checkRequired(transition, input);

  const needsRelated =
    compiled.relatedUse.rules && (compiled.guards.has(transition.key) || compiled.approvalLevels.has(transition.key));
  const inputs = needsRelated
    ? await loadRuleInputs(store, compiled, doc.data, {
        excludeId: doc._id,
        counted: { counters: latest.counters, self: doc, loads: input.engine.counterLoads },
      })
    : { related: {} };
  const context = ruleContext({ data: doc.data, doc: envelopeOf(doc), user: input.user, now: input.now, ...inputs });
  const guard = compiled.guards.get(transition.key);
  const refusalOptions = {
    hideAggregates: readScope(latest.def, latest.rowFilters, input.user).kind !== 'all',
    lookups: compiled.def.lookups ?? [],
  };
  if (guard && (!ruleHolds(guard, context) || brokenInputs(transition.guard?.logic, context).length > 0))
    throw guardRefusal(transition, context, input.locale, refusalOptions);
  // Checked again on every counter this change moves, at the value it moves from (counter-writes.ts).
  const counterGuard: CounterGuard | undefined = guard
    ? (figures) => {
        const recheck = { ...context, lookup: { ...(context.lookup as object), ...figures } };
        return ruleHolds(guard, recheck) ? null : guardRefusal(transition, recheck, input.locale, refusalOptions);
      }
    : undefined;

  const actor = { id: input.user.id, username: input.user.username };
  let state = transition.to;
  let approval: ApprovalRecord | null | undefined;
  let effects: EffectRequest[] = effectRequests(transition, transition.effects);
  let details: Record<string, unknown> | undefined;
  const levels = compiled.approvalLevels.get(transition.key);
  if (levels) {
    const outcome = await input.engine.approvals.seam().request({ transition, levels, context, actor, now: input.now });
    ({ state, approval, effects, details } = outcome);
  }
  // Webhooks hear of the transition through the outbox, recorded with the change itself.
  effects = [...effects, ...(await publishEffects(store, 'document.transitioned'))];
  const { doc: updated } = await applyChange(store, {
    current: doc,
    expectedVersion: input.version,
    state,
    approval,
    event: {
      kind: 'transition',
      transition: transition.key,
      reason: input.reason,
      comment: input.comment,
      effects,
      details,
    },
    actor,
    now: input.now,
    log: input.log,
    engine: input.engine,
    counterGuard,
    request: { user: input.user, now: input.now, locale: input.locale },
  });
  if (levels)
    await input.engine.approvals.seam().committed?.({
      store,
      outbound: input.engine.outbound,
      doc: updated,
      now: input.now,
      log: input.log,
    });
  return updated;
}
