// The one way a stored document changes after creation: a version-guarded atomic
// update that carries its own event (see events.ts). Updates, transitions and the
// approval engine all go through here, so every change is in the history and a
// stale write changes nothing. A change with effects that may refuse is planned
// first (planChange), its effects run on the projected document, and only then is
// it written (apply-change.ts).
import type { AppError } from '../errors';
import type { Filter, Store } from '../store/index';
import { type Actor, type ApprovalRecord, type DocumentRecord } from './document-record';
import {
  dataDiff,
  eventId,
  settleDocument,
  updateDocumentWithEvent,
  type EffectRequest,
  type EventKind,
  type EventRecord,
} from './events';
import { messageError } from '../messages/index';

export interface ChangeInput {
  current: DocumentRecord;
  /** The version the caller saw; the write fails with 409 unless it is still current. */
  expectedVersion: number;
  data?: Record<string, unknown>;
  state?: string;
  approval?: ApprovalRecord | null;
  event: {
    kind: EventKind;
    transition?: string;
    reason?: string;
    comment?: string;
    effects?: EffectRequest[];
    details?: Record<string, unknown>;
  };
  actor: Actor;
  now: Date;
}

export function versionConflict(type: string, id: string, expected: number, actual?: number): AppError {
  if (actual === undefined)
    return messageError(
      'VERSION_CONFLICT.document_changed',
      { type, id, expected },
      { extra: { expectedVersion: expected } },
    );
  return messageError(
    'VERSION_CONFLICT.document_changed_to',
    { type, id, expected, actual },
    { extra: { expectedVersion: expected, currentVersion: actual } },
  );
}

/** A change ready to write: its event and the fields the guarded update sets. */
export interface PlannedChange {
  event: EventRecord;
  set: Record<string, unknown>;
}

/** Builds the event and the update of a change without writing anything (effects run on it first). */
export function planChange(input: ChangeInput): PlannedChange {
  const { current } = input;
  const seq = current.version + 1;
  const data = input.data ?? current.data;
  const state = input.state ?? current.state;
  const event: EventRecord = {
    _id: eventId(current._id, seq),
    docId: current._id,
    type: current.type,
    seq,
    kind: input.event.kind,
    ...(input.event.transition ? { transition: input.event.transition } : {}),
    actor: input.actor,
    at: input.now,
    from: current.state,
    to: state,
    diff: dataDiff(current.data, data),
    ...(input.event.reason ? { reason: input.event.reason } : {}),
    ...(input.event.comment ? { comment: input.event.comment } : {}),
    effects: input.event.effects ?? [],
    ...(input.event.details ? { details: input.event.details } : {}),
    ...(input.approval !== undefined ? { approval: input.approval } : {}),
  };
  const set: Record<string, unknown> = { data, state, version: seq, updatedBy: input.actor.id, updatedAt: input.now };
  if (input.approval !== undefined) set.approval = input.approval;
  return { event, set };
}

/** The document as it will be once `planned` is written (what before-commit effects see). */
export function projectedDocument(current: DocumentRecord, planned: PlannedChange): DocumentRecord {
  const { pendingEvent: _pending, ...rest } = current;
  return { ...rest, ...planned.set };
}

/**
 * The version-guarded write of a planned change (409 when `expectedVersion` is no
 * longer current); `deletes` are written with it (events.ts: updateDocumentWithEvent).
 */
export async function writeChange(
  store: Store,
  current: DocumentRecord,
  expectedVersion: number,
  planned: PlannedChange,
  deletes: Array<{ collection: string; filter: Filter }> = [],
): Promise<{ doc: DocumentRecord; event: EventRecord }> {
  if (current.version !== expectedVersion)
    throw versionConflict(current.type, current._id, expectedVersion, current.version);
  // A leftover event from an interrupted write is copied out before this write replaces it.
  await settleDocument(store, current);
  const doc = await updateDocumentWithEvent(
    store,
    current,
    {
      filter: { _id: current._id, version: expectedVersion },
      set: planned.set,
      event: planned.event,
    },
    deletes,
  );
  if (!doc) throw versionConflict(current.type, current._id, expectedVersion);
  return { doc, event: planned.event };
}

export async function commitChange(
  store: Store,
  input: ChangeInput,
): Promise<{ doc: DocumentRecord; event: EventRecord }> {
  return writeChange(store, input.current, input.expectedVersion, planChange(input));
}
