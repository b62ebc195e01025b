// Webhooks: an admin subscribes a URL to events (`document.transitioned`,
// `approval.decided`, `stock.low`, `alert.raised`…). Each event becomes one
// delivery per subscribed webhook, recorded with its exact body before it is
// sent, so every attempt (and a redelivery) sends the same bytes and the log
// shows each try.
import { fieldError, messageError } from '../messages/index';
import { newId, type Store, type StoredDoc } from '../store/index';

export const WEBHOOKS = 'webhooks';
export const WEBHOOK_DELIVERIES = 'webhook_deliveries';
export const WEBHOOK_EVENTS = [
  'document.created',
  'document.transitioned',
  'approval.decided',
  'stock.low',
  'alert.raised',
  'alert.resolved',
  'report.ready',
] as const;

export interface WebhookDoc extends StoredDoc {
  url: string;
  events: string[];
  /** Signs the bodies; never returned by the API. */
  secret: string;
  active: boolean;
  createdBy: string;
  createdAt: Date;
}

export interface Attempt {
  at: Date;
  status: number | null;
  error: string | null;
}

export interface DeliveryDoc extends StoredDoc {
  webhook: string;
  event: string;
  eventId: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Attempt[];
  redeliveries: number;
  createdAt: Date;
  deliveredAt?: Date;
}

export const webhooks = (store: Store) => store.collection<WebhookDoc>(WEBHOOKS);
export const deliveries = (store: Store) => store.collection<DeliveryDoc>(WEBHOOK_DELIVERIES);

export async function ensureWebhookIndexes(store: Store): Promise<void> {
  await deliveries(store).createIndex({ name: 'webhook_created', keys: { webhook: 1, createdAt: -1 } });
  await webhooks(store).createIndex({ name: 'events', keys: { events: 1 } });
}

export interface WebhookInput {
  url: string;
  events: string[];
  secret: string;
}

/** Only http(s) URLs without credentials: the secret signs, the URL never carries one. */
function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw messageError('VALIDATION_FAILED.webhook_not_a_url', undefined, {
      errors: [fieldError('/url', 'VALIDATION_FAILED.not_a_url')],
    });
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password) {
    throw messageError('VALIDATION_FAILED.webhook_url_http_only', undefined, {
      errors: [fieldError('/url', 'VALIDATION_FAILED.url_http_only')],
    });
  }
}

export async function createWebhook(store: Store, input: WebhookInput, by: string, now: Date): Promise<WebhookDoc> {
  checkUrl(input.url);
  return webhooks(store).insertOne({
    _id: newId(),
    url: input.url,
    events: [...new Set(input.events)],
    secret: input.secret,
    active: true,
    createdBy: by,
    createdAt: now,
  });
}

export const toWebhookView = (hook: WebhookDoc) => ({
  id: hook._id,
  url: hook.url,
  events: hook.events,
  active: hook.active,
  createdBy: hook.createdBy,
  createdAt: hook.createdAt,
});

export const toDeliveryView = ({ _id, body, ...rest }: DeliveryDoc) => ({
  id: _id,
  ...rest,
  body: JSON.parse(body) as unknown,
});
