// A change that is not a transition (a PATCH in an editable state) can still move
// a document into a counted set: a booking edited to another slot takes a place
// there. Its counter step must refuse what the transition into the set would
// have refused, so it checks every guard that bounds the lookup on a transition
// into the states the lookup counts, on the edited document, at the value the
// counter moves from (the same compare-and-set as a transition's own guard).
// So must an approval's final decision, which moves the document into the
// counted states long after the request passed its guard.
import type { CompiledDefinition, Locale } from '../definitions/index';
import { ruleHolds, type RuleContext } from '../rules/index';
import type { Store } from '../store/index';
import { envelopeOf, type DocumentRecord } from './document-record';
import { readScope } from './permissions';
import type { RuleUser } from './row-filter';
import { loadRuleInputs, ruleContext } from './rule-context';
import { guardRefusal } from './guard-message';
import type { CounterGuard } from './counter-writes';
import { countedStates } from './lookup-counters';

export function boundingGuard(
  compiled: CompiledDefinition,
  context: RuleContext,
  locale: Locale,
  options: { hideAggregates: boolean },
): CounterGuard | undefined {
  const bounds = compiled.def.transitions.flatMap((t) => {
    const guard = compiled.guards.get(t.key);
    if (!guard || !t.guard) return [];
    const text = JSON.stringify(t.guard.logic);
    const lookups = compiled.lookups
      .filter((l) => text.includes(`"lookup.${l.def.name}"`) && countedStates(l)?.includes(t.to))
      .map((l) => l.def.name);
    return lookups.length > 0 ? [{ transition: t, guard, lookups }] : [];
  });
  if (bounds.length === 0) return undefined;
  const refusalOptions = { ...options, lookups: compiled.def.lookups ?? [] };
  return (figures) => {
    const recheck = { ...context, lookup: { ...(context.lookup as object), ...figures } };
    for (const b of bounds) {
      if (!b.lookups.some((name) => Object.hasOwn(figures, name))) continue;
      if (!ruleHolds(b.guard, recheck)) return guardRefusal(b.transition, recheck, locale, refusalOptions);
    }
    return null;
  };
}

/** The bounding guards of a change that is not the guarded transition itself (an edit, a final approval), on its data. */
export async function counterGuardOf(
  store: Store,
  compiled: CompiledDefinition,
  change: { doc: DocumentRecord; data: Record<string, unknown>; user: RuleUser; now: Date; locale?: Locale },
): Promise<CounterGuard | undefined> {
  const { doc, data, user, now } = change;
  const inputs = compiled.relatedUse.rules
    ? await loadRuleInputs(store, compiled, data, { excludeId: doc._id })
    : { related: {} };
  const context = ruleContext({ data, doc: envelopeOf(doc), user, now, ...inputs });
  const scope = readScope(compiled.def, compiled.rowFilters, user);
  return boundingGuard(compiled, context, change.locale ?? 'zh-CN', { hideAggregates: scope.kind !== 'all' });
}

/** Whether moving from state `from` to `to` brings the document into some counter's counted states. */
export function entersCountedStates(compiled: CompiledDefinition, from: string, to: string): boolean {
  return compiled.counters.some((l) => {
    const states = countedStates(l);
    return states !== null && states.includes(to) && !states.includes(from);
  });
}
