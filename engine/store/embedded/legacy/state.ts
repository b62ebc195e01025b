// The in-memory state the earlier store's files load into, and its log records.
// Stored documents are never mutated in place: a write replaces the object, so a
// captured reference is a consistent point-in-time view (compaction and cursors
// rely on this).
import type { IndexSpec, StoredDoc } from '../../types';

export interface CollectionState {
  readonly name: string;
  readonly docs: Map<string, StoredDoc>;
  readonly specs: Map<string, IndexSpec>;
  /** Unique index name → encoded key → _id. */
  readonly unique: Map<string, Map<string, string>>;
}

export type StoreState = Map<string, CollectionState>;

export type LogRecord =
  | { op: 'put'; c: string; doc: StoredDoc }
  | { op: 'del'; c: string; id: string }
  | { op: 'index'; c: string; spec: IndexSpec };

export function newCollectionState(name: string): CollectionState {
  return { name, docs: new Map(), specs: new Map(), unique: new Map() };
}

export function collectionFor(state: StoreState, name: string): CollectionState {
  let coll = state.get(name);
  if (!coll) {
    coll = newCollectionState(name);
    state.set(name, coll);
  }
  return coll;
}

/** Replays one record while loading; unique indexes are rebuilt after the load. */
export function replay(state: StoreState, record: LogRecord): void {
  const coll = collectionFor(state, record.c);
  if (record.op === 'put') coll.docs.set(record.doc._id, record.doc);
  else if (record.op === 'del') coll.docs.delete(record.id);
  else coll.specs.set(record.spec.name, record.spec);
}
