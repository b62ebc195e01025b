// Try-it on a draft: which of the draft's approval levels a sample document (typed
// values, or an existing document of the type) would need, and why — the same
// evaluation as POST /api/approvals/explain, but against levels not yet published.
import { fieldError, messageError } from '../messages/index';
import { explainRule, type RuleExplanation } from '../approvals/index';
import type { DefinitionRegistry, LocalizedText } from '../definitions/index';
import { envelopeOf, loadRuleInputs, readDocument, ruleContext, type RuleUser } from '../documents/index';
import type { Store } from '../store/index';
import { compileDraft } from './draft';

export interface DraftExplainInput {
  definition: unknown;
  transition: string;
  data?: Record<string, unknown>;
  id?: string;
  /**
   * What-if values the rules see instead of what was computed or loaded, by rule path
   * (`data.total`, `related.customer.creditLevel`): "what would a 600,000 order from a
   * C customer need?" without building such an order.
   */
  assume?: Record<string, unknown>;
  user: RuleUser;
  now: Date;
}

const SAFE_PATH = /^(data|related)(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** Sets `value` at a dotted path, creating objects on the way (the path is checked against SAFE_PATH first). */
function setPath(root: Record<string, unknown>, path: string[], value: unknown): void {
  let node = root;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    node = node[part] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {};
  }
  node[path[path.length - 1]] = value;
}

export interface DraftExplanation {
  data: Record<string, unknown>;
  levels: Array<{
    key: string;
    label: LocalizedText;
    applies: boolean;
    why: RuleExplanation;
    approvers: { roles?: string[]; users?: string[] };
    mode: string;
  }>;
  outcome: { applicable: string[]; state: string | null };
}

export async function explainDraft(
  store: Store,
  registry: DefinitionRegistry,
  input: DraftExplainInput,
): Promise<DraftExplanation> {
  const key = (input.definition as { key?: unknown })?.key;
  if (typeof key !== 'string')
    throw messageError('VALIDATION_FAILED.draft_has_no_key', undefined, {
      errors: [fieldError('/definition/key', 'VALIDATION_FAILED.required')],
    });
  const compiled = compileDraft(registry, input.definition, 1);
  let base = input.data ?? {};
  let envelope: object = {
    type: key,
    state: compiled.def.initialState,
    version: 0,
    definitionVersion: 0,
    createdBy: input.user.id,
  };
  if (input.id) {
    const loaded = await readDocument(store, registry, { type: key, id: input.id, user: input.user });
    base = { ...loaded.doc.data, ...(input.data ?? {}) };
    envelope = envelopeOf(loaded.doc);
  }
  const transition = compiled.transitions.get(input.transition);
  if (!transition) throw messageError('NOT_FOUND.draft_transition', { transition: input.transition });
  const { related, lookup } = await loadRuleInputs(store, compiled, base, input.id ? { excludeId: input.id } : {});
  const context0 = ruleContext({ data: base, doc: envelope, user: input.user, now: input.now, related, lookup });
  const data = compiled.computed.apply(structuredClone(base), context0);
  const context = { ...context0, data, related: { ...related } };
  for (const [path, value] of Object.entries(input.assume ?? {})) {
    if (!SAFE_PATH.test(path) || /__proto__|constructor|prototype/.test(path))
      throw messageError(
        'VALIDATION_FAILED.cannot_assume',
        { path },
        { errors: [fieldError(`/assume/${path}`, 'VALIDATION_FAILED.assume_path')] },
      );
    const [root, ...rest] = path.split('.');
    setPath(root === 'data' ? context.data : context.related, rest, value);
  }
  const levels = (compiled.approvalLevels.get(transition.key) ?? []).map(({ level, when }) => {
    const why = explainRule(level.when, when, context);
    return {
      key: level.key,
      label: level.label,
      applies: why.holds,
      why,
      approvers: level.approvers,
      mode: level.mode ?? 'any',
    };
  });
  const applicable = levels.filter((l) => l.applies).map((l) => l.key);
  return {
    data,
    levels,
    outcome: { applicable, state: applicable.length > 0 ? (transition.approval?.pendingState ?? null) : transition.to },
  };
}
