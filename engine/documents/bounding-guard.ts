// A change that is not a transition (a PATCH in an editable state) can still move
// a document into a counted set: a booking edited to another slot takes a place
// there. Its counter step must refuse what the transition into the set would
// have refused, so it checks every guard that bounds the lookup on a transition
// into the states the lookup counts, on the edited document, at the value the
// counter moves from (the same compare-and-set as a transition's own guard).
import type { CompiledDefinition, Locale } from '../definitions/index';
import { ruleHolds, type RuleContext } from '../rules/index';
import { guardRefusal } from './guard-message';
import { countedStates, type CounterGuard } from './lookup-counters';

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
