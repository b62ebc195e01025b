// Which definitions count another type's documents in a guarded counter (a slot
// type bounding the bookings of that slot, documents/cross-counters.ts): the
// booking type's changes must move those counters, so each change asks "who
// counts me?". The answer is kept in the store, one small document per (counted
// type, counting type), written when the counting type is published: every engine
// on the store reads the same answer, and none has to read every definition to
// find it. The registry caches it per type as long as it caches the latest
// pointer (registry.ts), and a publish on this engine drops the cache at once.
import type { Store, StoredDoc } from '../store/index';
import type { CompiledDefinition } from './compile-definition';

export const LOOKUP_WATCHES_COLLECTION = 'lookup_watches';

interface WatchDoc extends StoredDoc {
  /** The type whose documents are counted. */
  counted: string;
  /** The type whose latest definition counts them. */
  owner: string;
}

const watches = (store: Store) => store.collection<WatchDoc>(LOOKUP_WATCHES_COLLECTION);

/** The types the latest definition of `compiled` counts, recorded; the ones it no longer counts, dropped. */
export async function recordLookupWatches(store: Store, compiled: CompiledDefinition): Promise<void> {
  const owner = compiled.def.key;
  const counted = [...new Set(compiled.crossCounters.map((l) => l.def.type))];
  for (const type of counted)
    await watches(store).updateOne({ _id: `${type}:${owner}` }, { $set: { counted: type, owner } }, { upsert: true });
  for (const stale of await watches(store).find({ owner }))
    if (!counted.includes(stale.counted)) await watches(store).deleteOne({ _id: stale._id });
}

/** The types whose latest definitions count documents of `type` (maybe stale: the caller checks each). */
export async function watchersOf(store: Store, type: string): Promise<string[]> {
  return (await watches(store).find({ counted: type })).map((w) => w.owner);
}
