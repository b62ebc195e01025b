// Race-free bounds over another type's documents. A delivery slot type declares
// `bookings`: the bookings of its slot in the booked or arrived states, and a guard
// `lookup.bookings <= data.capacity`. The slot's own changes never add a booking;
// the bookings' do. So the bound is enforced where the increment happens: each
// change of a booking (transition, creation, PATCH, approval, cancellation) moves
// the slot type's counter for its key (lookup-counters.ts, the owner's counter),
// and an increase is checked, by the same compare-and-set as a same-type counter,
// against the guard of every slot document with that key in a state a bounding
// transition leads from or to (draft and open slots; a closed one bounds nothing):
// so a slot being opened while bookings race for it already bounds them, and its
// own guard's read of the figure cannot be overtaken. The slot's guard is read as a rule
// about the slot that must stay true: it is checked at the figure the change
// leads to, so `<= capacity` is room for `capacity` bookings. A refusal is the
// slot's own: its message, or "送货时段「…」已满：容量 5，已有 5" from the catalogue.
// Which types count a type is the registry's `countedBy` (definitions/lookup-watches.ts).
// System paths (an order synced after shipping, a settled case) record what has
// already happened: they move the counters without a bound.
import Decimal from 'decimal.js';
import type { CompiledDefinition, DefinitionRegistry, Locale, TransitionDef } from '../definitions/index';
import type { AppError } from '../errors';
import { ruleHolds, type CompiledRule, type RuleContext } from '../rules/index';
import type { Store } from '../store/index';
import { capacityRefusal } from './capacity-refusal';
import { documentsCollection, envelopeOf, type DocumentRecord } from './document-record';
import { guardRefusal } from './guard-message';
import type { CounterGuard, CrossCounting } from './counter-writes';
import { counterDeltas, figureOf, type CounterDelta } from './lookup-counters';
import type { CompiledLookup } from './lookups';
import { readScope } from './permissions';
import type { RuleUser } from './row-filter';
import { loadRuleInputs, ruleContext } from './rule-context';

/** Who asked for the change; without it (a system path) increases are not bounded. */
export interface CountingRequest {
  user: RuleUser;
  now: Date;
  locale: Locale;
}

interface CrossLookup {
  owner: CompiledDefinition;
  lookup: CompiledLookup;
}

/** The other types' counters over `type`, by their latest definitions. */
export async function crossLookupsOf(
  registry: Pick<DefinitionRegistry, 'countedBy'>,
  type: string,
): Promise<CrossLookup[]> {
  const owners = await registry.countedBy(type);
  return owners.flatMap((owner) =>
    owner.crossCounters.filter((l) => l.def.type === type).map((lookup) => ({ owner, lookup })),
  );
}

export function crossDeltas(
  cross: CrossLookup[],
  before: DocumentRecord | null,
  after: DocumentRecord,
): CounterDelta[] {
  return cross.flatMap((c) => counterDeltas([c.lookup], before, after, c.owner.def.key));
}

const boundsOf = (owner: CompiledDefinition, name: string): Array<{ transition: TransitionDef; rule: CompiledRule }> =>
  owner.def.transitions.flatMap((transition) => {
    const rule = owner.guards.get(transition.key);
    const reads = JSON.stringify(transition.guard?.logic ?? null).includes(`"lookup.${name}"`);
    return rule && reads ? [{ transition, rule }] : [];
  });

/** The owner documents a delta's key belongs to, in a state a bounding transition leads from or to. */
async function boundingDocs(
  store: Store,
  c: CrossLookup,
  d: CounterDelta,
  states: string[],
): Promise<DocumentRecord[]> {
  const filter: Record<string, unknown> = { state: { $in: states } };
  c.lookup.keyed.forEach((k, i) => (filter[k.from] = d.key[i]));
  return documentsCollection(store, c.owner.def.key).find(filter, { limit: 50 });
}

/** One delta's bound: every bounding document's guard, at the figure the change leads to. */
async function crossGuard(
  store: Store,
  c: CrossLookup,
  d: CounterDelta,
  request: CountingRequest,
): Promise<CounterGuard | undefined> {
  const { owner, lookup } = c;
  const name = lookup.def.name;
  const bounds = boundsOf(owner, name);
  if (bounds.length === 0) return undefined;
  // From the states it is guarded out of: a slot opening while bookings race for it is already bounding them.
  const states = new Set(bounds.flatMap((b) => [...b.transition.from, b.transition.to]));
  const docs = await boundingDocs(store, c, d, [...states]);
  if (docs.length === 0) return undefined;
  const contexts: RuleContext[] = [];
  for (const doc of docs) {
    const inputs = owner.relatedUse.rules
      ? await loadRuleInputs(store, owner, doc.data, { excludeId: doc._id })
      : { related: {} };
    contexts.push(
      ruleContext({ data: doc.data, doc: envelopeOf(doc), user: request.user, now: request.now, ...inputs }),
    );
  }
  const hideAggregates = readScope(owner.def, owner.rowFilters, request.user).kind !== 'all';
  const lookups = owner.def.lookups ?? [];
  const mine = figureOf(lookup, d.own + d.delta);
  return (figures) => {
    const others = figures[name] ?? 0;
    const after = new Decimal(others).plus(mine).toNumber();
    for (const context of contexts) {
      const at = (figure: number): RuleContext => ({
        ...context,
        lookup: { ...(context.lookup as object), [name]: figure },
      });
      for (const { transition, rule } of bounds) {
        if (ruleHolds(rule, at(after))) continue;
        const logic = transition.guard?.logic;
        const full: AppError | null = transition.guard?.message
          ? null
          : capacityRefusal(transition.key, logic, at(others), lookups, { after: true });
        return full ?? guardRefusal(transition, at(after), request.locale, { hideAggregates, lookups });
      }
    }
    return null;
  };
}

/** The cross counters a change of `type` from `before` to `after` moves, ready for applyCounterDeltas. */
export async function crossCounting(
  store: Store,
  registry: Pick<DefinitionRegistry, 'countedBy'>,
  change: { type: string; before: DocumentRecord | null; after: DocumentRecord; request?: CountingRequest },
): Promise<{ deltas: CounterDelta[]; cross: CrossCounting } | null> {
  const found = await crossLookupsOf(registry, change.type);
  if (found.length === 0) return null;
  const deltas = crossDeltas(found, change.before, change.after);
  if (deltas.length === 0) return null;
  const { request } = change;
  const lookups = found.map((c) => ({ owner: c.owner.def.key, lookup: c.lookup }));
  const guardOf = request
    ? async (d: CounterDelta) => {
        const c = found.find((f) => f.owner.def.key === d.owner && f.lookup.def.name === d.lookup);
        return c ? crossGuard(store, c, d, request) : undefined;
      }
    : undefined;
  return { deltas, cross: { lookups, guardOf } };
}
