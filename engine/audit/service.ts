// Security audit trail: an append-only collection. Nothing in the engine updates
// or deletes these entries; the only write is insertOne.
import { newId, type Filter, type Store, type StoredDoc } from '../store/index';

export const AUDIT_COLLECTION = 'audit';

export interface AuditActor {
  id: string;
  username: string;
}

export interface AuditEntry {
  action: string;
  actor?: AuditActor | null;
  ip?: string;
  subject?: string;
  details?: Record<string, unknown>;
}

export interface AuditDoc extends StoredDoc {
  action: string;
  at: Date;
  actor: AuditActor | null;
  ip: string | null;
  subject: string | null;
  details: Record<string, unknown>;
}

/** Appends one audit entry. `at` defaults to now; pass a clock in tests. */
export async function recordAudit(store: Store, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await store.collection<AuditDoc>(AUDIT_COLLECTION).insertOne({
    // ObjectId-style ids grow with time, so `_id` order is insertion order for paging.
    _id: newId(),
    action: entry.action,
    at: now,
    actor: entry.actor ? { id: entry.actor.id, username: entry.actor.username } : null,
    ip: entry.ip ?? null,
    subject: entry.subject ?? null,
    details: entry.details ?? {},
  });
}

export interface AuditQuery {
  action?: string;
  /** Username or user id of the actor. */
  actor?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** Newest first; `nextCursor` is the last `_id` of the page when more may follow. */
export async function listAudit(
  store: Store,
  query: AuditQuery,
): Promise<{ items: AuditDoc[]; nextCursor: string | null }> {
  const filter: Filter = {};
  if (query.action !== undefined) filter.action = query.action;
  if (query.actor !== undefined) filter.$or = [{ 'actor.username': query.actor }, { 'actor.id': query.actor }];
  if (query.from || query.to) {
    const at: Record<string, Date> = {};
    if (query.from) at.$gte = query.from;
    if (query.to) at.$lte = query.to;
    filter.at = at;
  }
  if (query.cursor !== undefined) filter._id = { $lt: query.cursor };
  const items = await store
    .collection<AuditDoc>(AUDIT_COLLECTION)
    .find(filter, { sort: { _id: -1 }, limit: query.limit + 1 });
  const more = items.length > query.limit;
  const page = more ? items.slice(0, query.limit) : items;
  return { items: page, nextCursor: more ? page[page.length - 1]._id : null };
}
