// GET /api/approvals/inbox: every open level the caller can decide now — as an
// approver or as an active delegate of one — with a summary of the document
// (type, number, total, customer, the list columns), the level, and how long it
// has waited since the level opened. Longest waiting first.
import type { CompiledDefinition, LocalizedText } from '../definitions/index';
import { documentsCollection, type Actor, type DocumentRecord } from '../documents/index';
import type { Store } from '../store/index';
import { isRequester, mayBeDelegateFor, mayDecideAs, type Principal } from './approvers';
import type { ApprovalContext } from './context';
import { activeDelegators } from './delegations';
import { openApprovalOf } from './load-open';
import type { ApprovalKind, ApprovalState, FieldChange, LevelState } from './types';

export interface InboxItem {
  type: string;
  typeTitle: LocalizedText;
  id: string;
  number: string;
  state: string;
  version: number;
  kind: ApprovalKind;
  transition: string;
  reason?: string;
  total: unknown;
  customer: { id: string; code?: unknown; name?: unknown } | null;
  summary: Record<string, unknown>;
  level: { key: string; label: LocalizedText; mode: 'any' | 'all'; index: number; of: number; approvedBy: string[] };
  requestedBy: Actor;
  requestedAt: Date;
  openedAt: Date;
  waitingMs: number;
  dueAt: Date | null;
  overdue: boolean;
  escalated: boolean;
  onBehalfOf?: Actor;
  changes?: FieldChange[];
}

/** Types whose documents can carry an approval (transitions with levels, or change requests on them). */
export const approvalTypes = (all: CompiledDefinition[]): CompiledDefinition[] =>
  all.filter((c) => c.def.transitions.some((t) => t.approval));

function decidesFor(
  approval: ApprovalState,
  level: LevelState,
  user: Principal,
  delegators: Principal[],
): Principal | null {
  if (mayDecideAs(approval, level, user)) return user;
  if (!approval.allowSelfApproval && isRequester(approval, user)) return null;
  if (!mayBeDelegateFor(level, user)) return null;
  return delegators.find((d) => mayDecideAs(approval, level, d)) ?? null;
}

async function customerOf(
  store: Store,
  compiled: CompiledDefinition,
  doc: DocumentRecord,
): Promise<InboxItem['customer']> {
  const spec = compiled.def.related?.customer;
  const id = spec && !spec.field.includes('[]') ? doc.data[spec.field] : undefined;
  if (typeof id !== 'string') return null;
  const customer = await documentsCollection(store, spec?.type ?? 'customer').findById(id);
  return customer ? { id, code: customer.data.code, name: customer.data.name } : { id };
}

function summaryOf(compiled: CompiledDefinition, doc: DocumentRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of compiled.def.listColumns ?? []) {
    if (column.startsWith('data.')) out[column.slice(5)] = doc.data[column.slice(5)];
  }
  return out;
}

export async function approvalInbox(ctx: ApprovalContext, user: Principal): Promise<{ items: InboxItem[] }> {
  const now = ctx.now();
  const delegators = await activeDelegators(ctx.store, user.id, now);
  const items: InboxItem[] = [];
  for (const compiled of approvalTypes(await ctx.registry.allLatest())) {
    const pending = await documentsCollection(ctx.store, compiled.def.key).find({ 'approval.status': 'pending' });
    for (const doc of pending) {
      const approval = openApprovalOf(doc);
      if (!approval || approval.open === null) continue;
      const level = approval.steps[approval.current];
      const principal = decidesFor(approval, level, user, delegators);
      if (!principal) continue;
      const openedAt = new Date(approval.open.openedAt);
      items.push({
        type: doc.type,
        typeTitle: compiled.def.title,
        id: doc._id,
        number: doc.number,
        state: doc.state,
        version: doc.version,
        kind: approval.kind,
        transition: approval.transition,
        ...(approval.reason ? { reason: approval.reason } : {}),
        total: doc.data.total ?? null,
        customer: await customerOf(ctx.store, compiled, doc),
        summary: summaryOf(compiled, doc),
        level: {
          key: level.key,
          label: level.label,
          mode: level.mode,
          index: approval.current + 1,
          of: approval.steps.length,
          approvedBy: level.approvedBy,
        },
        requestedBy: approval.requestedBy,
        requestedAt: approval.requestedAt,
        openedAt,
        waitingMs: Math.max(0, now.getTime() - openedAt.getTime()),
        dueAt: approval.open.dueAt,
        overdue: approval.open.dueAt !== null && now.getTime() > new Date(approval.open.dueAt).getTime(),
        escalated: level.escalatedAt !== undefined,
        ...(principal.id !== user.id ? { onBehalfOf: { id: principal.id, username: principal.username } } : {}),
        ...(approval.change ? { changes: approval.change.changes } : {}),
      });
    }
  }
  items.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  return { items };
}
