// The public surface of engine/approvals: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { SYSTEM_ACTOR } from './types';
export { installApprovalSeam } from './seam';
export { REBALANCE_REGISTRATIONS, rebalanceHandler } from './rebalance';
export { APPROVAL_SLA_JOB, scanApprovalSla } from './sla';
export { approvalsPlugin } from './plugin';
export { approvalRoutes } from './routes';
