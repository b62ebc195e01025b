// Events (history) without multi-document transactions.
//
// Crash consistency: every write puts its event into the document itself
// (`pendingEvent`) in the same version-guarded atomic update as the change, then
// copies it to `events` (id `${docId}:${seq}`, so copying twice is harmless) and
// clears `pendingEvent`. So:
// - a write that loses the version race changes nothing and leaves no event;
// - an event exists in `events` only after its change was committed, so history
//   never shows a change that did not happen;
// - a crash between the two steps loses nothing: the next write to the document
//   and every history read first copy a leftover `pendingEvent` (settleDocument).
// The reverse order (event first, then the guarded update) would need a cleanup of
// orphaned events after a crash and could show readers a change that never landed.
//
// The same event also carries the transition's effects; settling writes one
// `outbox` entry per effect (id `${eventId}:${effect}`), so each is recorded once.
// Effects applied before the commit (apply-change.ts) are marked `applied` on the
// event and their entries are written `done`, with the idempotency key they used.
import { applyPatch, createPatch, type Operation } from 'rfc6902';
import { DuplicateKeyError } from '../errors';
import type { Filter, Store, StoredDoc, StoreInserts } from '../store/index';
import { documentsCollection, type Actor, type DocumentRecord } from './document-record';
import { counterAdvance, takeNumber, type CounterDoc, type DocumentNumbering } from './numbering';

export const EVENTS_COLLECTION = 'events';
export const OUTBOX_COLLECTION = 'outbox';

export type EventKind = 'created' | 'updated' | 'transition' | 'approval' | 'change_request' | 'cancellation';

export interface EffectRequest {
  name: string;
  options?: Record<string, unknown>;
  /** Idempotency key of an effect applied before the commit. */
  key?: string;
  /** Applied before the commit (its outbox entry is written `done`). */
  applied?: true;
}

export interface EventRecord extends StoredDoc {
  docId: string;
  type: string;
  /** Equals the document version this event produced: 1 for the create. */
  seq: number;
  kind: EventKind;
  transition?: string;
  actor: Actor;
  at: Date;
  from: string | null;
  to: string;
  /** JSON Patch (RFC 6902) from the previous `data` to the new one. */
  diff: Operation[];
  reason?: string;
  comment?: string;
  effects: EffectRequest[];
  /** What else the writer records (e.g. the approval engine: which levels applied and why). */
  details?: Record<string, unknown>;
  /** The intent (apply-change.ts) whose effects this change applied before committing. */
  intent?: string;
}

export interface OutboxRecord extends StoredDoc {
  effect: string;
  options: Record<string, unknown>;
  docId: string;
  type: string;
  eventId: string;
  seq: number;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  lastError?: string;
  /** The idempotency key the handler used (effects applied before the commit). */
  key?: string;
  createdAt: Date;
  doneAt?: Date;
}

export const eventId = (docId: string, seq: number): string => `${docId}:${seq}`;
export const outboxId = (event: Pick<EventRecord, '_id'>, effect: string): string => `${event._id}:${effect}`;

export function dataDiff(before: Record<string, unknown>, after: Record<string, unknown>): Operation[] {
  return createPatch(before, after);
}

async function insertOnce<T extends StoredDoc>(store: Store, collection: string, record: T): Promise<void> {
  try {
    await store.collection<T>(collection).insertOne(record);
  } catch (err) {
    // Already copied by an earlier settle (or a concurrent reader): the same record.
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

/** One outbox entry per effect the event carries. */
function outboxEntries(event: EventRecord): OutboxRecord[] {
  return event.effects.map((effect) => ({
    _id: outboxId(event, effect.name),
    effect: effect.name,
    options: effect.options ?? {},
    docId: event.docId,
    type: event.type,
    eventId: event._id,
    seq: event.seq,
    ...(effect.applied ? { status: 'done', attempts: 1, doneAt: event.at } : { status: 'pending', attempts: 0 }),
    ...(effect.key ? { key: effect.key } : {}),
    createdAt: event.at,
  }));
}

/** The event and its outbox entries, as documents to insert in one write with the change. */
export const eventInserts = (event: EventRecord): StoreInserts => [
  { collection: EVENTS_COLLECTION, doc: event },
  ...outboxEntries(event).map((entry) => ({ collection: OUTBOX_COLLECTION, doc: entry })),
];

/** Copies the document's pending event (and its outbox entries) out, then clears it. */
export async function settleDocument(store: Store, doc: DocumentRecord): Promise<DocumentRecord> {
  const event = doc.pendingEvent;
  if (!event) return doc;
  await insertOnce(store, EVENTS_COLLECTION, event);
  for (const entry of outboxEntries(event)) await insertOnce<OutboxRecord>(store, OUTBOX_COLLECTION, entry);
  // Guarded by the event id: a newer write's pending event is never cleared here.
  await documentsCollection(store, doc.type).updateOne(
    { _id: doc._id, 'pendingEvent._id': event._id },
    { $unset: { pendingEvent: '' } },
  );
  const { pendingEvent: _settled, ...rest } = doc;
  return rest;
}

/**
 * Stores a new document with its `created` event (`pendingEvent`, not kept on the
 * document) and the event's outbox entries. Where the store writes several
 * documents atomically (embedded) they go in one write, so there is nothing
 * pending to settle: two writes and a commit wait fewer per create; a numbered
 * type (`late`) advances its counter in that same write too, so a create a
 * unique index refuses leaves no gap. Elsewhere, or when an event of that id is
 * already there (a document id used again), the number is taken in a write of its
 * own and the document is inserted with its event pending and then settled, as
 * every change is.
 */
export async function insertDocumentWithEvent(
  store: Store,
  record: DocumentRecord,
  late?: { numbering: DocumentNumbering; now: Date },
): Promise<DocumentRecord> {
  const docs = documentsCollection(store, record.type);
  const { pendingEvent: event, ...doc } = record;
  try {
    if (event && late && store.updateAndInsert) {
      let numbered: DocumentRecord | undefined;
      await store.updateAndInsert(counterAdvance(late.numbering, late.now), (counter) => {
        numbered = { ...doc, number: late.numbering.format(late.now, (counter as CounterDoc).seq) };
        return [{ collection: docs.name, doc: numbered }, ...eventInserts(event)];
      });
      return numbered as DocumentRecord;
    }
    if (event && !late && store.insertTogether) {
      const [stored] = await store.insertTogether([{ collection: docs.name, doc }, ...eventInserts(event)]);
      return stored as DocumentRecord;
    }
  } catch (err) {
    if (!(err instanceof DuplicateKeyError) || err.collection === docs.name) throw err;
  }
  if (late) {
    return insertDocumentWithEvent(store, { ...record, number: await takeNumber(store, late.numbering, late.now) });
  }
  return settleDocument(store, await docs.insertOne(record));
}

/**
 * The version-guarded update of a change (`filter`, `set`) with its event and the
 * event's outbox entries, as insertDocumentWithEvent does for a create: one atomic
 * write where the store has it (the document's update, the event and the entries,
 * with nothing pending), else the event rides on the document and is settled after.
 * `deletes` (records the change makes obsolete, each by a guarded filter) go in
 * the same write, or right after it. Null, with nothing written, when the guard
 * no longer matches.
 */
export async function updateDocumentWithEvent(
  store: Store,
  doc: DocumentRecord,
  change: { filter: Filter; set: Record<string, unknown>; event: EventRecord },
  deletes: Array<{ collection: string; filter: Filter }> = [],
): Promise<DocumentRecord | null> {
  const docs = documentsCollection(store, doc.type);
  const { filter, set, event } = change;
  const withPending = async (): Promise<DocumentRecord | null> => {
    const updated = await docs.findOneAndUpdate(filter, { $set: { ...set, pendingEvent: event } });
    if (!updated) return null;
    const settled = await settleDocument(store, updated);
    for (const removal of deletes) await store.collection(removal.collection).deleteOne(removal.filter);
    return settled;
  };
  if (!store.updateAndInsert) return withPending();
  try {
    const updated = await store.updateAndInsert(
      { collection: docs.name, filter, update: { $set: set } },
      eventInserts(event),
      deletes,
    );
    return updated as DocumentRecord | null;
  } catch (err) {
    // An event of that id already there (written by a write that did not finish): the usual sequence.
    if (!(err instanceof DuplicateKeyError) || err.collection === docs.name) throw err;
    return withPending();
  }
}

export async function ensureEventIndexes(store: Store): Promise<void> {
  await store.collection(EVENTS_COLLECTION).createIndex({ name: 'doc_seq', keys: { docId: 1, seq: 1 }, unique: true });
  await store.collection(OUTBOX_COLLECTION).createIndex({ name: 'status_created', keys: { status: 1, createdAt: 1 } });
}

/** Events of one document in order (settling a leftover first so none is missing). */
export async function listEvents(store: Store, doc: DocumentRecord): Promise<EventRecord[]> {
  await settleDocument(store, doc);
  return store.collection<EventRecord>(EVENTS_COLLECTION).find({ docId: doc._id }, { sort: { seq: 1 } });
}

/** The document as it was right after event `seq`, rebuilt from the diffs. */
export function replay(doc: DocumentRecord, events: EventRecord[], seq: number): DocumentRecord | null {
  const upTo = events.filter((e) => e.seq <= seq);
  const last = upTo[upTo.length - 1];
  if (!last || last.seq !== seq) return null;
  const data: Record<string, unknown> = {};
  for (const event of upTo) {
    const results = applyPatch(data, structuredClone(event.diff));
    const failed = results.find((r) => r !== null);
    if (failed) throw new Error(`history of ${doc._id} does not replay at seq ${event.seq}: ${failed.message}`);
  }
  const approvalEvent = [...upTo].reverse().find((e) => e.approval !== undefined);
  const { pendingEvent: _pending, ...envelope } = doc;
  return {
    ...envelope,
    data,
    state: last.to,
    version: last.seq,
    approval: approvalEvent?.approval ?? null,
    updatedBy: last.actor.id,
    updatedAt: last.at,
  } as DocumentRecord;
}
