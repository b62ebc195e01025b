// The last step of every document creation, whether a user asked for it (POST
// /api/documents) or the engine did (a delivery on ship): take a number, insert
// the document with its `created` event pending inside it, then settle the event
// into the history. Callers prepare and validate `data` first.
import type { CompiledDefinition } from '../definitions/index';
import type { Store } from '../store/index';
import { documentsCollection, type Actor, type DocumentRecord } from './document-record';
import { dataDiff, eventId, settleDocument, type EffectRequest, type EventRecord } from './events';
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
}

/** Inserts and settles; a unique-index clash surfaces as DuplicateKeyError for the caller to word. */
export async function insertNewDocument(
  store: Store,
  { compiled, id, data, actor, now, details, effects = [], state }: NewDocument,
): Promise<DocumentRecord> {
  const def = compiled.def;
  const startState = state ?? def.initialState;
  const number = def.numbering
    ? await takeNumber(store, { type: def.key, pattern: def.numbering.pattern, timeZone: def.numbering.timezone, now })
    : id;
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
  const doc = await documentsCollection(store, def.key).insertOne({
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
  });
  return settleDocument(store, doc);
}
