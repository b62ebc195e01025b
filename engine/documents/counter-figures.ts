// A lookup a guard bounds is kept as a counter (lookup-counters.ts), exact on
// every path that changes a document. So a transition's guard reads such a
// figure from the counter — one read by `_id` — instead of aggregating every
// matching document (on FerretDB a scan of the whole type, the slowest step of a
// submit under contention). The counter holds what changes in flight have
// applied too, as the counter step's own re-check does; the document itself is
// taken out by what it contributes as stored. A counter not there yet is created
// from a store query, as the counter step would (loadCounter), once for all the
// requests of this engine that ask for it meanwhile — a first burst of submits
// for one customer runs one aggregation, not one each. A lookup this version
// defines unlike the latest (whose counters are kept) is left to the aggregation.
import type { Store } from '../store/index';
import type { DocumentRecord } from './document-record';
import { counterDeltas, counterId, figureOf, loadCounter } from './lookup-counters';
import type { SharedLoads } from './keyed-batches';
import { lookupKey, type CompiledLookup } from './lookups';

/** The lookups kept as counters, the latest definition's, and the document the figures leave out. */
export interface CountedLookups {
  counters: CompiledLookup[];
  self?: DocumentRecord;
  /** The engine's loads in flight (DocumentServices.counterLoads), so concurrent requests share one. */
  loads?: SharedLoads;
}

const sameLookup = (a: CompiledLookup, b: CompiledLookup): boolean => a.signature === b.signature;

/** The figures of `lookups` that a counter holds for this data; the others are not in the answer. */
export async function counterFigures(
  store: Store,
  lookups: CompiledLookup[],
  data: Record<string, unknown>,
  counted: CountedLookups,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const lookup of lookups) {
    if (!counted.counters.some((c) => sameLookup(c, lookup))) continue;
    const key = lookupKey(lookup, { data }, 'from');
    if (!key) continue;
    const id = counterId(lookup.def.type, lookup, key);
    const load = () => loadCounter(store, lookup.def.type, lookup, { counter: id, key });
    const counter = await (counted.loads ? counted.loads(id, load) : load());
    const own = counted.self ? counterDeltas([lookup], null, counted.self).find((d) => d.counter === id) : undefined;
    out[lookup.def.name] = figureOf(lookup, counter.value - (own?.delta ?? 0));
  }
  return out;
}
