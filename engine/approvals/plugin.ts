// The 'approvals' service plugin: creates its indexes. The seam, the
// change-request re-balancing effects and the SLA scan's schedule belong to the
// engine context (approvals/contribution.ts), so a worker process has them too.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { documentsCollection } from '../documents/index';
import { ensureNotificationIndexes } from '../notifications/index';
import { ensureDelegationIndexes } from './delegations';
import { approvalTypes } from './inbox';

async function approvals(app: FastifyInstance): Promise<void> {
  await ensureDelegationIndexes(app.store);
  await ensureNotificationIndexes(app.store);
  // The inbox and the SLA scan look for pending approvals of every type that has them.
  for (const compiled of approvalTypes(await app.definitions.allLatest())) {
    await documentsCollection(app.store, compiled.def.key).createIndex({
      name: 'approval_status',
      keys: { 'approval.status': 1 },
    });
  }
}

export const approvalsPlugin = fp(approvals, {
  name: 'approvals',
  dependencies: ['store', 'queue', 'definitions'],
  fastify: '5.x',
});
