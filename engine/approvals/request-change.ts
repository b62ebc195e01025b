// POST /api/documents/:type/:id/change-requests {patch, reason, version}: a change to an
// approved document. The patch (RFC 7396 merge patch over the data) is validated
// and computed now; the change levels are evaluated on the changed values. With
// no applicable level it is applied at once; otherwise the document keeps its
// state and data, and the approved proposal is applied by the last approval
// (decide.ts) in one version-guarded write, with before/after in the history and
// stock holdings moved by the difference (rebalance.ts).
import type { FieldError } from '../errors';
import { fieldError } from '../messages/index';
import type { Locale } from '../definitions/index';
import {
  applyChange,
  dataDiff,
  assertMayUpdate,
  readDocument,
  readScope,
  referenceScope,
  versionConflict,
  type DocumentRecord,
} from '../documents/index';
import { listParam, messageError } from '../messages/index';
import type { Principal } from './approvers';
import { openApproval, requestDetails } from './build-approval';
import { approvingTransition, changeAllowsSelfApproval, changeLevels, changeableStates } from './change-levels';
import type { ApprovalContext } from './context';
import { openApprovalOf } from './load-open';
import { prepareChange } from './prepare-change';
import { noticeLevelOpened } from './notices';
import { rebalanceEffects } from './rebalance';
import type { FieldChange } from './types';

export interface ChangeRequestInput {
  type: string;
  id: string;
  user: Principal;
  patch: Record<string, unknown>;
  reason: string;
  /** The document version the change was made against: a stale one is 409, so concurrent requests cannot stack. */
  version: number;
  /** The language of a guard's refusal. */
  locale?: Locale;
}

function checkInput(input: ChangeRequestInput): void {
  const errors: FieldError[] = [];
  if (typeof input.reason !== 'string' || input.reason.trim() === '')
    errors.push(fieldError('/reason', 'VALIDATION_FAILED.reason_required'));
  if (Object.keys(input.patch ?? {}).length === 0) errors.push(fieldError('/patch', 'VALIDATION_FAILED.patch_empty'));
  if (errors.length > 0)
    throw messageError(
      'VALIDATION_FAILED.change_request_needs',
      { fields: listParam(errors.map((e) => e.path.slice(1))) },
      { errors },
    );
}

export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

export async function requestChange(ctx: ApprovalContext, input: ChangeRequestInput): Promise<DocumentRecord> {
  checkInput(input);
  const now = ctx.now();
  const { doc, compiled, latest } = await readDocument(ctx.store, ctx.registry, input);
  assertMayUpdate(latest.def, input.user, doc);
  if (doc.version !== input.version) throw versionConflict(doc.type, doc._id, input.version, doc.version);
  const state = compiled.states.get(doc.state);
  if (state?.terminal || !changeableStates(compiled).includes(doc.state)) {
    throw messageError(
      'RULE_FAILED.no_change_requests_in_state',
      { type: doc.type, state: doc.state, allowed: listParam(changeableStates(compiled)) },
      { extra: { state: doc.state } },
    );
  }
  if (openApprovalOf(doc)) {
    throw messageError('RULE_FAILED.request_already_waiting', { number: doc.number }, { extra: { state: doc.state } });
  }
  const original = approvingTransition(compiled, doc);
  const { data, context } = await prepareChange(ctx.store, {
    compiled,
    doc,
    patch: input.patch,
    user: input.user,
    now,
    locale: input.locale ?? 'zh-CN',
    original,
    references: referenceScope(ctx.registry, input.user),
    hideAggregates: readScope(latest.def, latest.rowFilters, input.user).kind !== 'all',
    latest: latest.def,
  });
  if (dataDiff(doc.data, data).length === 0) {
    throw messageError('VALIDATION_FAILED.patch_is_no_change', undefined, {
      errors: [fieldError('/patch', 'VALIDATION_FAILED.patch_changes_nothing')],
    });
  }
  const changes = fieldChanges(doc.data, data);
  const actor = { id: input.user.id, username: input.user.username };
  const approval = openApproval({
    kind: 'change',
    transition: original?.key ?? doc.approval?.transition ?? 'change',
    levels: changeLevels(compiled, original),
    context,
    actor,
    now,
    waitingState: doc.state,
    rejectTo: doc.state,
    targetState: doc.state,
    allowSelfApproval: changeAllowsSelfApproval(compiled, original),
    onComplete: [],
    reason: input.reason,
    change: { patch: input.patch, data, changes },
  });
  const applyNow = approval.status === 'approved';
  const effects = applyNow ? await rebalanceEffects(ctx.store, compiled, approval.transition, doc.data, data) : [];
  const details = requestDetails(approval);
  if (applyNow) (details.approval as Record<string, unknown>).applied = changes;
  // Reserving a raised quantity runs before the write: stock short → 422 and the change is not applied.
  const updated = (
    await applyChange(ctx.store, {
      current: doc,
      expectedVersion: input.version,
      approval,
      ...(applyNow ? { data } : {}),
      event: { kind: 'change_request', transition: approval.transition, reason: input.reason, effects, details },
      actor,
      now,
      log: ctx.log,
      engine: ctx.engine,
    })
  ).doc;
  if (!applyNow) {
    await noticeLevelOpened({ store: ctx.store, outbound: ctx.engine.outbound }, updated, approval, now).catch(
      (err: unknown) => {
        ctx.log.error({ err, docId: updated._id }, 'approval notification failed; the request is recorded');
      },
    );
  }
  return updated;
}
