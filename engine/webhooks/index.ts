// The webhooks capability's public surface.
export {
  createWebhook,
  deliveries,
  webhooks,
  ensureWebhookIndexes,
  toDeliveryView,
  toWebhookView,
  WEBHOOK_EVENTS,
  WEBHOOKS,
  WEBHOOK_DELIVERIES,
} from './service';
export type { WebhookDoc, DeliveryDoc, Attempt, WebhookInput } from './service';
export { createWebhookEmitter, emitWebhookEvent, enqueueDelivery, WEBHOOK_JOB } from './emit';
export type { WebhookEvent, RetryPolicy } from './emit';
export { sign, verify, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sign';
export { webhookJob, WEBHOOK_TIMEOUT_MS } from './deliver-job';
export { PUBLISH_EFFECT, publishEffects, publishDocumentEvent, type DocumentEventName } from './publish-effect';
export { webhookRoutes } from './routes';
