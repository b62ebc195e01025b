// A change request's proposed data goes through everything a create or PATCH goes
// through — prices filled and held to the floor for the caller, computed fields,
// validation — and then through the guards of the transitions that brought the
// document to its state (the credit limit of `submit`, say), before any approval
// level is evaluated. Otherwise a change request would be a way round every rule
// that held when the document was approved.
import type { CompiledDefinition, Definition, Locale, TransitionDef } from '../definitions/index';
import {
  assertMayWriteFields,
  envelopeOf,
  guardRefusal,
  loadRuleInputs,
  mergePatch,
  prepareData,
  ruleContext,
  type DocumentRecord,
  type ReferenceScope,
  type RuleUser,
} from '../documents/index';
import { priceLines } from '../pricing/index';
import { brokenInputs, ruleHolds, type RuleContext } from '../rules/index';
import { readsById, type Store } from '../store/index';
import { checkLineUnits } from '../units/index';

export interface PreparedChange {
  data: Record<string, unknown>;
  context: RuleContext;
}

/** The transitions whose guards the changed document must still pass: the approving one, else those into its state. */
function guardingTransitions(
  compiled: CompiledDefinition,
  doc: DocumentRecord,
  original: TransitionDef | null,
): TransitionDef[] {
  if (original) return [original];
  return compiled.def.transitions.filter((t) => t.to === doc.state && t.from.every((from) => from !== doc.state));
}

export async function prepareChange(
  store: Store,
  input: {
    compiled: CompiledDefinition;
    doc: DocumentRecord;
    patch: Record<string, unknown>;
    user: RuleUser;
    now: Date;
    locale: Locale;
    original: TransitionDef | null;
    /** The caller's read scope of referenced types: what it may not read counts as missing. */
    references: ReferenceScope;
    /** The caller does not read every document of the type: a guard's message quotes no totals over them. */
    hideAggregates: boolean;
    /** The latest definition: its permissions (read-only fields) apply. */
    latest: Definition;
  },
): Promise<PreparedChange> {
  const { compiled, doc, user, now } = input;
  const patched = mergePatch(doc.data, input.patch);
  assertMayWriteFields({ def: input.latest, user, before: doc.data, after: patched });
  // The customer and products are read once for pricing, units and the rule context.
  const reads = readsById(store);
  const merged = await priceLines(store, {
    def: compiled.def,
    data: patched,
    patch: input.patch,
    user,
    now,
    reads,
  });
  await checkLineUnits(store, compiled.def, merged, reads);
  const inputs = await loadRuleInputs(store, compiled, merged, {
    excludeId: doc._id,
    scope: input.references,
    reads,
  });
  const base = ruleContext({ data: merged, doc: envelopeOf(doc), user, now, ...inputs });
  const data = prepareData(compiled, merged, base);
  const context = { ...base, data };
  for (const transition of guardingTransitions(compiled, doc, input.original)) {
    const guard = compiled.guards.get(transition.key);
    if (guard && (!ruleHolds(guard, context) || brokenInputs(transition.guard?.logic, context).length > 0))
      throw guardRefusal(transition, context, input.locale, { hideAggregates: input.hideAggregates });
  }
  return { data, context };
}
