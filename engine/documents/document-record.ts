// How a document is stored and how the API shows it. Each type has its own
// collection so a definition's own unique indexes (e.g. customer `data.code`) never
// collide with documents of other types that lack the field.
import { documentsCollectionName } from '../definitions/index';
import type { Collection, Store, StoredDoc } from '../store/index';
import type { EventRecord } from './events';

export interface Actor {
  id: string;
  username: string;
}

export interface ApprovalRecord {
  /** The transition whose approval is open (or was last decided). */
  transition: string;
  /** Keys of the levels that applied, in order. */
  levels: string[];
  /** Index into `levels` of the open level; equals levels.length when done. */
  current: number;
  status: 'pending' | 'approved' | 'rejected';
  decisions: Array<{ level: string; by: Actor; at: Date; decision: 'approve' | 'reject'; comment?: string }>;
  requestedBy: Actor;
  requestedAt: Date;
}

export interface DocumentRecord extends StoredDoc {
  type: string;
  definitionVersion: number;
  number: string;
  state: string;
  data: Record<string, unknown>;
  version: number;
  approval: ApprovalRecord | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  /**
   * The event of the latest write, written in the same atomic update as the change
   * itself and copied to `events` right after (see events.ts for why).
   */
  pendingEvent?: EventRecord;
}

export interface DocumentView {
  id: string;
  type: string;
  number: string;
  state: string;
  version: number;
  definitionVersion: number;
  data: Record<string, unknown>;
  approval: ApprovalRecord | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

export { documentsCollectionName };

export function documentsCollection(store: Store, type: string): Collection<DocumentRecord> {
  return store.collection<DocumentRecord>(documentsCollectionName(type));
}

export function toView(doc: DocumentRecord): DocumentView {
  return {
    id: doc._id,
    type: doc.type,
    number: doc.number,
    state: doc.state,
    version: doc.version,
    definitionVersion: doc.definitionVersion,
    data: doc.data,
    approval: doc.approval ?? null,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    updatedBy: doc.updatedBy,
    updatedAt: doc.updatedAt,
  };
}

/** The envelope rules and templates see as `doc`. */
export function envelopeOf(doc: DocumentRecord): Omit<DocumentView, 'data'> {
  const { data: _data, ...envelope } = toView(doc);
  return envelope;
}
