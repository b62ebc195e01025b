// The approval SLA scan, run by the `alerts` queue on a schedule
// (a job of the engine context, engine/context/builtins.ts). For every open level:
// - it tells the approvers the level is waiting (once per level);
// - past `nearRatio` of `slaHours` it warns them the deadline is near (once);
// - past `slaHours` it escalates: `escalateTo` joins the level's approvers, an
//   `escalated` event lands in the document's history, and everyone who may now
//   decide is told (once). Without `escalateTo` the level is marked overdue.
// Every step is idempotent (keyed notifications, `escalatedAt` set by a
// version-guarded write), so a retried or overlapping scan does nothing twice.
import { AppError } from '../errors';
import { listLatestRecords } from '../definitions/index';
import { applyChange, documentsCollection, type DocumentRecord, type DocumentServices } from '../documents/index';
import type { Outbound, OutboundTarget } from '../queue/index';
import type { Store } from '../store/index';
import { openApprovalOf } from './load-open';
import { noticeEscalated, noticeLevelOpened, noticeSlaNear } from './notices';
import { SYSTEM_ACTOR, type ApprovalState } from './types';

export const APPROVAL_SLA_JOB = 'approval-sla';
export const DEFAULT_NEAR_RATIO = 0.8;

export interface SlaScanInput {
  store: Store;
  /** The change pipeline the escalation goes through (it keeps lookup counters right). */
  engine: DocumentServices;
  /** The engine's channels: the notices go on to e-mail and webhooks through them. */
  outbound?: Outbound;
  now: Date;
  /** Share of the SLA after which approvers are warned (default 0.8). */
  nearRatio?: number;
}

export interface SlaReport {
  open: number;
  near: number;
  escalated: number;
  /** Escalations that lost a race with a decision; the next scan looks again. */
  conflicts: number;
}

async function escalate(
  engine: DocumentServices,
  doc: DocumentRecord,
  approval: ApprovalState,
  now: Date,
): Promise<DocumentRecord | null> {
  const next = structuredClone(approval);
  const level = next.steps[next.current];
  level.escalatedAt = now;
  const to = level.escalateTo;
  if (to && !level.approvers.roles.includes(to)) {
    level.approvers.roles.push(to);
    next.open?.roles.push(to);
  }
  const dueAt = level.dueAt ? new Date(level.dueAt) : now;
  try {
    const { doc: updated } = await applyChange(engine.store, {
      engine,
      current: doc,
      expectedVersion: doc.version,
      approval: next,
      event: {
        kind: 'approval',
        transition: next.transition,
        details: {
          approval: {
            id: next.id,
            kind: next.kind,
            action: to ? 'escalated' : 'overdue',
            level: level.key,
            ...(to ? { escalatedTo: to } : {}),
            slaHours: level.slaHours,
            dueAt,
            overdueMs: now.getTime() - dueAt.getTime(),
          },
        },
      },
      actor: SYSTEM_ACTOR,
      now,
    });
    return updated;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VERSION_CONFLICT') return null;
    throw err;
  }
}

async function scanDocument(
  target: OutboundTarget & { engine: DocumentServices },
  doc: DocumentRecord,
  now: Date,
  ratio: number,
  report: SlaReport,
): Promise<void> {
  const approval = openApprovalOf(doc);
  if (!approval || approval.open === null) return;
  report.open += 1;
  const level = approval.steps[approval.current];
  // Once escalated, whoever joined was told by the escalation notice.
  if (level.escalatedAt) return;
  await noticeLevelOpened(target, doc, approval, now);
  if (!approval.open.dueAt) return;
  const openedAt = new Date(approval.open.openedAt).getTime();
  const dueAt = new Date(approval.open.dueAt).getTime();
  if (now.getTime() >= dueAt) {
    const updated = await escalate(target.engine, doc, approval, now);
    if (!updated) {
      report.conflicts += 1;
      return;
    }
    report.escalated += 1;
    const escalated = updated.approval as ApprovalState;
    await noticeEscalated(target, updated, escalated, escalated.steps[escalated.current], now);
    return;
  }
  if (now.getTime() >= openedAt + ratio * (dueAt - openedAt)) {
    if ((await noticeSlaNear(target, doc, approval, level, now)) > 0) report.near += 1;
  }
}

export async function scanApprovalSla(input: SlaScanInput): Promise<SlaReport> {
  const ratio = input.nearRatio ?? DEFAULT_NEAR_RATIO;
  const report: SlaReport = { open: 0, near: 0, escalated: 0, conflicts: 0 };
  const records = await listLatestRecords(input.store);
  for (const record of records) {
    if (!record.definition.transitions.some((t) => t.approval)) continue;
    const pending = await documentsCollection(input.store, record.key).find({ 'approval.status': 'pending' });
    for (const doc of pending) await scanDocument(input, doc, input.now, ratio, report);
  }
  return report;
}
