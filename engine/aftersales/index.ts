// The public surface of engine/aftersales: after-sales cases (售后服务单) — the
// sales return and customer credit they lead to, the replacement an exchange ships, their SLA escalation, and the
// analysis report.
export { afterSalesEnginePlugin } from './plugin';
export { caseReturnId, RETURNING_KINDS } from './settle';
export { replacementDeliveryId } from './replace';
export { scanAfterSalesSla, AFTER_SALES_SLA_JOB, AFTER_SALES_OVERDUE, overdueAlertId } from './sla';
