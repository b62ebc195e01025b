// The after-sales SLA scan (`after-sales-sla`, alerts queue, every 10 minutes, as
// the approval SLA scan): a case still open or in progress past its `slaHours`
// (set per kind by the definition: complaint 24, return and exchange 48, repair
// 72) is escalated — one `after_sales_overdue` alert per case, which tells the
// sales managers and the case's creator in their inbox. A case that was resolved,
// closed or rejected has its alert resolved. Idempotent: the alert id is the case.
import { ALERTS, raiseAlert, resolveAlert, type AlertDoc } from '../alerts/index';
import { documentsCollection } from '../documents/index';
import type { Outbound } from '../queue/index';
import type { Store } from '../store/index';

export const AFTER_SALES_SLA_JOB = 'after-sales-sla';
export const AFTER_SALES_OVERDUE = 'after_sales_overdue';
export const OPEN_STATES = ['open', 'in_progress'];
const HOUR = 3_600_000;

export const overdueAlertId = (caseId: string): string => `after-sales-overdue-${caseId}`;

export interface SlaScanReport {
  open: number;
  escalated: number;
  resolved: number;
}

export async function scanAfterSalesSla({
  store,
  outbound,
  now,
}: {
  store: Store;
  outbound?: Outbound;
  now: Date;
}): Promise<SlaScanReport> {
  const target = { store, ...(outbound ? { outbound } : {}) };
  const report: SlaScanReport = { open: 0, escalated: 0, resolved: 0 };
  const cases = await documentsCollection(store, 'after_sales').find({ state: { $in: OPEN_STATES } });
  const overdue = new Set<string>();
  for (const c of cases) {
    report.open += 1;
    const hours = typeof c.data.slaHours === 'number' ? c.data.slaHours : null;
    if (hours === null) continue;
    const dueAt = new Date(c.createdAt.getTime() + hours * HOUR);
    if (now < dueAt) continue;
    const id = overdueAlertId(c._id);
    overdue.add(id);
    const raised = await raiseAlert(target, {
      id,
      kind: AFTER_SALES_OVERDUE,
      subject: { type: 'after_sales', id: c._id, label: c.number },
      message: {
        'zh-CN': `售后超时：${c.number}（${hours} 小时时限）于 ${dueAt.toISOString()} 到期，仍未办结，已升级给销售经理`,
        en: `After-sales overdue: ${c.number} (${hours} h SLA) was due at ${dueAt.toISOString()} and is not resolved; escalated to the sales managers`,
      },
      details: { kind: c.data.kind, slaHours: hours, dueAt, state: c.state },
      roles: ['sales_manager'],
      alsoNotify: [c.createdBy],
      now,
    });
    if (raised) report.escalated += 1;
  }
  const open = await store
    .collection<AlertDoc>(ALERTS)
    .find({ kind: AFTER_SALES_OVERDUE, status: 'open' }, { projection: { _id: 1 } });
  for (const alert of open) {
    if (!overdue.has(alert._id) && (await resolveAlert(target, alert._id, now))) report.resolved += 1;
  }
  return report;
}
