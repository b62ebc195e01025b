// The one way a stored document changes after creation: a version-guarded atomic
// update that carries its own event (see events.ts). Updates, transitions and the
// approval engine all go through here, so every change is in the history and a
// stale write changes nothing.
import { AppError } from '../errors';
import type { Store } from '../store/types';
import { documentsCollection, type Actor, type ApprovalRecord, type DocumentRecord } from './document-record';
import { dataDiff, eventId, settleDocument, type EffectRequest, type EventKind, type EventRecord } from './events';

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
  return new AppError(
    'VERSION_CONFLICT',
    `Document ${type}/${id} was changed by someone else (you sent version ${expected}${actual === undefined ? '' : `, it is now ${actual}`}); reload and try again.`,
    { extra: actual === undefined ? { expectedVersion: expected } : { expectedVersion: expected, currentVersion: actual } },
  );
}

export async function commitChange(store: Store, input: ChangeInput): Promise<{ doc: DocumentRecord; event: EventRecord }> {
  const { current, expectedVersion } = input;
  if (current.version !== expectedVersion) throw versionConflict(current.type, current._id, expectedVersion, current.version);
  // A leftover event from an interrupted write is copied out before this write replaces it.
  await settleDocument(store, current);

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
  const set: Record<string, unknown> = {
    data,
    state,
    version: seq,
    updatedBy: input.actor.id,
    updatedAt: input.now,
    pendingEvent: event,
  };
  if (input.approval !== undefined) set.approval = input.approval;

  const updated = await documentsCollection(store, current.type).findOneAndUpdate(
    { _id: current._id, version: expectedVersion },
    { $set: set },
  );
  if (!updated) throw versionConflict(current.type, current._id, expectedVersion);
  return { doc: await settleDocument(store, updated), event };
}
