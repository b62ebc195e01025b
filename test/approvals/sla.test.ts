// SLA and escalation with a fake clock: the alerts queue's `approval-sla` job (the
// job the engine context registers, run through workers/registry.ts) warns approvers near the deadline
// and, past it, escalates to the configured role — once, however often it runs.
import { beforeAll, expect, it } from 'vitest';
import { APPROVAL_SLA_JOB } from '../../engine/approvals/sla';
import type { JobContext } from '../../engine/queue/types';
import { buildProcessors } from '../../workers/registry';
import {
  decideAs,
  describeApprovals,
  history,
  publishVariant,
  submitOrder,
  type Client,
  type Harness,
} from './harness';

const TYPE = 'sales_order_sla';
const HOUR = 3600_000;

async function runScan(h: Harness): Promise<any> {
  const processors = buildProcessors({ ...h.t.app.engine, clock: () => h.clock.now() });
  const alerts = processors.alerts;
  if (!alerts) throw new Error('no alerts processor registered');
  const job: JobContext = {
    id: `scan-${h.clock.now().getTime()}`,
    name: APPROVAL_SLA_JOB,
    data: {},
    attempt: 1,
    updateProgress: async () => {},
  };
  return alerts(job);
}

const kinds = async (c: Client, docId: string): Promise<string[]> =>
  (await c.call('GET', '/api/notifications')).body.items
    .filter((n: any) => n.subject?.id === docId)
    .map((n: any) => n.kind)
    .sort();

describeApprovals('approval SLA and escalation', (h) => {
  beforeAll(async () => {
    await publishVariant(h(), TYPE, (def) => {
      Object.assign(def.transitions[0].approval.levels[0], { slaHours: 10, escalateTo: 'director' });
    });
  });

  it('tells approvers a level is waiting, warns near the deadline, then escalates to the configured role once', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100, {}, TYPE);
    expect(Date.parse(doc.approval.open.dueAt) - Date.parse(doc.approval.open.openedAt)).toBe(10 * HOUR);

    expect(await runScan(h())).toMatchObject({ near: 0, escalated: 0 });
    expect(await kinds(h().manager, doc.id)).toEqual(['approval.waiting']);

    h().clock.advance(8.5 * HOUR);
    expect(await runScan(h())).toMatchObject({ near: 1, escalated: 0 });
    expect(await runScan(h())).toMatchObject({ near: 0, escalated: 0 });
    expect(await kinds(h().manager, doc.id)).toEqual(['approval.sla_near', 'approval.waiting']);
    expect(await kinds(h().manager2, doc.id)).toEqual(['approval.sla_near', 'approval.waiting']);
    // The director may not read sales orders, and is no approver yet: the order does not exist for them.
    expect((await decideAs(h().director, doc, 'approve')).status).toBe(404);

    h().clock.advance(2 * HOUR);
    expect(await runScan(h())).toMatchObject({ escalated: 1 });
    expect(await runScan(h())).toMatchObject({ escalated: 0 });
    const escalation = (await history(h().clerk, doc)).at(-1);
    expect(escalation).toMatchObject({
      kind: 'approval',
      actor: { username: 'system' },
      from: 'pending_review',
      to: 'pending_review',
    });
    expect(escalation.details.approval).toMatchObject({
      action: 'escalated',
      level: 'manager',
      escalatedTo: 'director',
      slaHours: 10,
    });
    expect(await kinds(h().director, doc.id)).toEqual(['approval.escalated']);
    expect(await kinds(h().manager, doc.id)).toContain('approval.escalated');

    const inbox = (await h().director.call('GET', '/api/approvals/inbox')).body.items.find(
      (i: { id: string }) => i.id === doc.id,
    );
    expect(inbox).toMatchObject({ escalated: true, overdue: true });
    expect(inbox.waitingMs).toBeGreaterThan(10 * HOUR);
    expect((await decideAs(h().director, doc, 'approve')).body.state).toBe('approved');
    expect(await kinds(h().clerk, doc.id)).toEqual(['approval.approved']);
  });

  it('marks a level without escalateTo overdue, without adding approvers', async () => {
    const doc = await submitOrder(h(), h().clerk, 500, 100);
    h().clock.advance(25 * HOUR);
    await runScan(h());
    const after = (await h().admin.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
    expect(after.approval.steps[0].approvers.roles).toEqual(['sales_manager']);
    expect((await history(h().clerk, doc)).at(-1).details.approval).toMatchObject({
      action: 'overdue',
      level: 'manager',
    });
    expect(await kinds(h().manager, doc.id)).toContain('approval.overdue');
  });

  it('runs the scan as a job of the alerts queue, scheduled at start', async () => {
    const schedules = await h().t.store.collection('job_schedules').find({ key: APPROVAL_SLA_JOB });
    expect(schedules).toHaveLength(1);
    const id = await h().t.app.queue.enqueue('alerts', APPROVAL_SLA_JOB, {});
    const deadline = Date.now() + 20_000;
    let state = '';
    while (Date.now() < deadline) {
      state = (await h().t.app.queue.getJob('alerts', id))?.state ?? '';
      if (state === 'completed' || state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(state).toBe('completed');
  });
});
