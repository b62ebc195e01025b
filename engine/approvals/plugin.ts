// The 'approvals' service plugin: plugs the approval engine into transitions
// (the documents engine's seam), registers the change-request re-balancing
// effect, creates its indexes and schedules the SLA scan on the alerts queue.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { documentsCollection } from '../documents/document-record';
import { registerEffect } from '../documents/effects';
import { ensureNotificationIndexes } from '../notifications/service';
import { ensureDelegationIndexes } from './delegations';
import { approvalTypes } from './inbox';
import { REBALANCE_REGISTRATIONS, rebalanceHandler } from './rebalance';
import { installApprovalSeam } from './seam';
import { APPROVAL_SLA_JOB } from './sla';

export interface ApprovalsPluginOptions {
  /** How often the SLA scan runs (default every 10 minutes). */
  slaScanEveryMs?: number;
}

async function approvals(app: FastifyInstance, options: ApprovalsPluginOptions): Promise<void> {
  installApprovalSeam();
  for (const [name, options] of REBALANCE_REGISTRATIONS) registerEffect(name, rebalanceHandler, options);
  await ensureDelegationIndexes(app.store);
  await ensureNotificationIndexes(app.store);
  // The inbox and the SLA scan look for pending approvals of every type that has them.
  for (const compiled of approvalTypes(await app.definitions.allLatest())) {
    await documentsCollection(app.store, compiled.def.key).createIndex({ name: 'approval_status', keys: { 'approval.status': 1 } });
  }
  // A stable key: every engine replica registering it keeps one schedule.
  await app.queue.repeat('alerts', APPROVAL_SLA_JOB, {}, { key: APPROVAL_SLA_JOB, everyMs: options.slaScanEveryMs ?? 10 * 60_000 });
}

export const approvalsPlugin = fp(approvals, { name: 'approvals', dependencies: ['store', 'queue', 'definitions'], fastify: '5.x' });
