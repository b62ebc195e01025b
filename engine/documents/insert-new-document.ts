// The last step of every document creation, whether a user asked for it (POST
// /api/documents) or the engine did (a delivery on ship): take a number, insert
// the document with its `created` event pending inside it, then settle the event
// into the history. Where the store writes several documents atomically
// (embedded), the number, the document, its event and its outbox entries are one
// write. Callers prepare and validate `data` first.
import type { CompiledDefinition, DefinitionRegistry } from '../definitions/index';
import { DuplicateKeyError } from '../errors';
import type { Store } from '../store/index';
import { documentsCollection, type Actor, type DocumentRecord } from './document-record';
import {
  dataDiff,
  eventId,
  insertDocumentWithEvent,
  settleDocument,
  type EffectRequest,
  type EventRecord,
} from './events';
import { closeIntent, effectKey, inProgress, openIntent, stepIntent } from './intents';
import { applyCounterDeltas, settleCounters, undoCounterDeltas, type CrossCounting } from './counter-writes';
import { COUNTER_EFFECT, counterDeltas, type CounterDelta } from './lookup-counters';
import { crossCounting, crossLookupsOf, type CountingRequest } from './cross-counters';
import type { CompiledLookup } from './lookups';
import type { EffectLogger } from './effects';
import type { KeyedBatches } from './keyed-batches';
import { takeNumber } from './numbering';

export interface NewDocument {
  compiled: CompiledDefinition;
  id: string;
  data: Record<string, unknown>;
  actor: Actor;
  now: Date;
  /** Why it exists, kept on the `created` event (system-created documents). */
  details?: Record<string, unknown>;
  /** After-commit effects of the creation (the `document.created` webhooks), recorded with the document. */
  effects?: EffectRequest[];
  /** A declared state other than the initial one (system-created documents only). */
  state?: string;
  /**
   * Where other types' counters over this type are found (cross-counters.ts), and
   * who asked, whose creation those counters' guards bound (none: a system document),
   * and this engine's batches per counter (keyed-batches.ts), when it keeps them.
   */
  counting: { registry: Pick<DefinitionRegistry, 'countedBy'>; request?: CountingRequest; batches?: KeyedBatches };
  /** Where a failure after the document is written goes (it must not fail a create that happened). */
  log?: EffectLogger;
}

/** Inserts and settles; a unique-index clash surfaces as DuplicateKeyError for the caller to word. */
export async function insertNewDocument(
  store: Store,
  { compiled, id, data, actor, now, details, effects = [], state, counting, log = console }: NewDocument,
): Promise<DocumentRecord> {
  const def = compiled.def;
  const startState = state ?? def.initialState;
  const numbering = compiled.numbering;
  // The number can wait for the document's own write unless a counter goes by it.
  const late = numbering !== null && !(await countedByNumber(compiled, counting?.registry));
  const number = !numbering ? id : late ? '' : await takeNumber(store, numbering, now);
  const event: EventRecord = {
    _id: eventId(id, 1),
    docId: id,
    type: def.key,
    seq: 1,
    kind: 'created',
    actor,
    at: now,
    from: null,
    to: startState,
    diff: dataDiff({}, data),
    effects,
    ...(details ? { details } : {}),
  };
  const record: DocumentRecord = {
    _id: id,
    type: def.key,
    definitionVersion: def.version,
    number,
    state: startState,
    data,
    version: 1,
    approval: null,
    createdBy: actor.id,
    createdAt: now,
    updatedBy: actor.id,
    updatedAt: now,
    pendingEvent: event,
  };
  const deltas = counterDeltas(compiled.counters, null, record);
  const other = counting
    ? await crossCounting(store, counting.registry, {
        type: def.key,
        before: null,
        after: record,
        request: counting.request,
      })
    : null;
  if (deltas.length === 0 && !other) {
    return insertDocumentWithEvent(store, record, numbering && late ? { numbering, now } : undefined);
  }
  const numbered = numbering && late ? { ...record, number: await takeNumber(store, numbering, now) } : record;
  const all = [...deltas, ...(other?.deltas ?? [])];
  return settleDocument(
    store,
    await insertCounted(store, compiled, numbered, all, { cross: other?.cross, batches: counting?.batches, log }),
  );
}

const readsNumber = (lookup: CompiledLookup): boolean =>
  Object.hasOwn(lookup.def.match, 'number') || lookup.def.field === 'number';

/** Whether a lookup counting this type (its own, or another type's) matches or sums by the document number. */
async function countedByNumber(
  compiled: CompiledDefinition,
  registry: Pick<DefinitionRegistry, 'countedBy'> | undefined,
): Promise<boolean> {
  if (compiled.counters.some(readsNumber)) return true;
  return !!registry && (await crossLookupsOf(registry, compiled.def.key)).some((c) => readsNumber(c.lookup));
}

/**
 * A document created straight into a counted state (an import, a system document,
 * a type whose first state is counted) takes its place in the lookup counters
 * first, under an intent as any change does: a duplicate number or code undoes it
 * at once; a crash leaves the intent for the sweep, which finds the document (its
 * event names the intent: committed) or not (compensated).
 */
async function insertCounted(
  store: Store,
  compiled: CompiledDefinition,
  record: DocumentRecord,
  deltas: CounterDelta[],
  { cross, batches, log }: { cross?: CrossCounting; batches?: KeyedBatches; log: EffectLogger },
): Promise<DocumentRecord> {
  const event = record.pendingEvent as EventRecord;
  const intentId = `intent:${record._id}:1:created`;
  const counter: EffectRequest = {
    name: COUNTER_EFFECT,
    options: { deltas },
    key: effectKey(intentId, COUNTER_EFFECT),
    applied: true,
  };
  const planned = { event: { ...event, intent: intentId }, set: {} };
  const intent = await openIntent(store, {
    _id: intentId,
    docId: record._id,
    type: record.type,
    seq: 1,
    baseVersion: 0,
    effects: [counter],
    planned,
  });
  const undo = async () => {
    await undoCounterDeltas(store, deltas, counter.key as string);
    await closeIntent(store, intent);
  };
  try {
    await applyCounterDeltas(store, {
      type: record.type,
      lookups: compiled.counters,
      cross,
      deltas,
      opKey: counter.key as string,
      batches,
    });
    if (!(await stepIntent(store, intent, 'committing', new Date()))) throw inProgress(record.type, record._id);
  } catch (err) {
    await undo();
    throw err;
  }
  let inserted: DocumentRecord;
  try {
    inserted = await documentsCollection(store, record.type).insertOne({ ...record, pendingEvent: planned.event });
  } catch (err) {
    // A clash is a sure "not written"; any other failure is left to the sweep, which looks.
    if (err instanceof DuplicateKeyError) await undo();
    throw err;
  }
  // Different records: neither waits for the other's commit.
  await Promise.all([
    closeIntent(store, intent),
    settleCounters(store, counter).catch((err: unknown) =>
      log.error({ err, intent: intent._id }, 'settling lookup counter markers failed; they stay, harmless'),
    ),
  ]);
  return inserted;
}
