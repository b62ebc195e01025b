// Alerts (DESIGN §7, §10): conditions someone should act on, raised by the
// `alerts` queue's jobs (low stock first) and listed open at GET /api/alerts.
// An alert is raised once per occurrence: its id is chosen by the raiser (e.g.
// product × warehouse × the occurrence number), so a retried job raises nothing
// twice; resolving it closes that occurrence, and the next one gets a new id.
import type { LocalizedText } from '../definitions/index';
import { DuplicateKeyError } from '../errors';
import type { OutboundTarget } from '../queue/index';
import type { Collection, Filter, Store, StoredDoc } from '../store/index';
import { notify } from '../notifications/index';
import { USERS_COLLECTION, type UserDoc } from '../users/index';

/** Whose inbox hears of a new alert, by kind (admins see every alert at GET /api/alerts). */
export const ALERT_ROLES: Record<string, string[]> = {
  low_stock: ['warehouse_keeper', 'purchaser', 'purchase_manager'],
  batch_expiring: ['warehouse_keeper', 'purchase_manager'],
  delivery_overdue: ['sales_manager', 'warehouse_keeper'],
};

async function tellRoles(target: OutboundTarget, input: RaiseInput): Promise<void> {
  const { store } = target;
  const roles = input.roles ?? ALERT_ROLES[input.kind] ?? [];
  const users =
    roles.length > 0
      ? await store
          .collection<UserDoc>(USERS_COLLECTION)
          .find({ disabled: false, roles: { $in: roles } }, { projection: { _id: 1 } })
      : [];
  const recipients = [...users.map((u) => u._id), ...(input.alsoNotify ?? [])];
  if (recipients.length === 0) return;
  await notify(target, {
    users: recipients,
    kind: `alert.${input.kind}`,
    key: `alert-${input.id}`,
    title: input.title ?? input.message,
    message: input.message,
    subject:
      input.subject.type === 'product'
        ? undefined
        : {
            type: input.subject.type,
            id: input.subject.id,
            ...(input.subject.label ? { number: input.subject.label } : {}),
          },
    now: input.now,
  });
}

export const ALERTS = 'alerts';

/** What the alert is about, e.g. {type: 'product', id, warehouse, label: '钛合金镜架 (FR-001) @ 上海总仓'}. */
export interface AlertSubject {
  type: string;
  id: string;
  warehouse?: string;
  label?: string;
}

export interface AlertDoc extends StoredDoc {
  kind: string;
  subject: AlertSubject;
  message: LocalizedText;
  details: Record<string, unknown>;
  status: 'open' | 'resolved';
  raisedAt: Date;
  resolvedAt?: Date;
}

export interface AlertView {
  id: string;
  kind: string;
  subject: AlertSubject;
  message: LocalizedText;
  details: Record<string, unknown>;
  status: 'open' | 'resolved';
  raisedAt: Date;
  resolvedAt?: Date;
}

const alerts = (store: Store): Collection<AlertDoc> => store.collection<AlertDoc>(ALERTS);

export async function ensureAlertIndexes(store: Store): Promise<void> {
  await alerts(store).createIndex({ name: 'status_raised', keys: { status: 1, raisedAt: -1 } });
}

export interface RaiseInput {
  id: string;
  kind: string;
  subject: AlertSubject;
  message: LocalizedText;
  details?: Record<string, unknown>;
  now: Date;
  /** Roles whose members are told in their inbox (default ALERT_ROLES[kind]). */
  roles?: string[];
  /** Users told besides the roles (e.g. the order's creator). */
  alsoNotify?: string[];
  title?: LocalizedText;
}

/**
 * Raises the alert unless this occurrence (its id) was raised already. Returns
 * whether it was new. The inbox notice and the webhook events go through the
 * engine's channels (`target.outbound`).
 */
export async function raiseAlert(target: OutboundTarget, input: RaiseInput): Promise<boolean> {
  try {
    await alerts(target.store).insertOne({
      _id: input.id,
      kind: input.kind,
      subject: input.subject,
      message: input.message,
      details: input.details ?? {},
      status: 'open',
      raisedAt: input.now,
    });
  } catch (err) {
    if (err instanceof DuplicateKeyError) return false;
    throw err;
  }
  await tellRoles(target, input);
  const data = {
    alert: input.id,
    kind: input.kind,
    subject: input.subject,
    message: input.message,
    details: input.details ?? {},
  };
  const emit = target.outbound?.emit;
  await emit?.({ id: input.id, event: 'alert.raised', data, at: input.now });
  if (input.kind === 'low_stock') await emit?.({ id: input.id, event: 'stock.low', data, at: input.now });
  return true;
}

export async function resolveAlert(target: OutboundTarget, id: string, now: Date): Promise<boolean> {
  const resolved = await alerts(target.store).updateOne(
    { _id: id, status: 'open' },
    { $set: { status: 'resolved', resolvedAt: now } },
  );
  if (resolved)
    await target.outbound?.emit?.({ id: `${id}-resolved`, event: 'alert.resolved', data: { alert: id }, at: now });
  return resolved;
}

export interface AlertQuery {
  status?: 'open' | 'resolved' | 'all';
  kind?: string;
  limit?: number;
}

export async function listAlerts(store: Store, query: AlertQuery = {}): Promise<AlertView[]> {
  const filter: Filter = {};
  const status = query.status ?? 'open';
  if (status !== 'all') filter.status = status;
  if (query.kind !== undefined) filter.kind = query.kind;
  const docs = await alerts(store).find(filter, { sort: { raisedAt: -1 }, limit: query.limit ?? 200 });
  return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
}
