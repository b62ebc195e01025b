// Notifications job `webhook`: one attempt to deliver one recorded body. Signed
// (engine/webhooks/sign.ts), 10 s timeout, redirects never followed (a 3xx is a
// failed attempt: the target is the configured URL and nothing else). Every
// attempt is logged on the delivery; a failure throws so the queue retries with
// exponential backoff, and the last one leaves the delivery `failed`.
import { UnrecoverableJobError, type JobContext } from '../queue/index';
import type { Store } from '../store/index';
import { deliveries, webhooks, type Attempt } from './service';
import { sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sign';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookDeliverDeps {
  store: Store;
  now: () => number;
  attempts: number;
  timeoutMs?: number;
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not needed; reading it frees the connection.
    await res.arrayBuffer();
    if (res.status >= 300 && res.status < 400)
      return { status: res.status, error: `redirect to ${res.headers.get('location') ?? '?'} not followed` };
    return { status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    return {
      status: null,
      error:
        name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : err instanceof Error ? err.message : String(err),
    };
  }
}

export function webhookJob(deps: WebhookDeliverDeps): (job: JobContext) => Promise<unknown> {
  return async (job) => {
    const { deliveryId } = job.data as { deliveryId?: string };
    if (typeof deliveryId !== 'string') throw new UnrecoverableJobError('webhook: data.deliveryId is required');
    const delivery = await deliveries(deps.store).findById(deliveryId);
    if (!delivery) return { skipped: 'no such delivery' };
    if (delivery.status === 'delivered') return { status: 'delivered', already: true };
    const hook = await webhooks(deps.store).findById(delivery.webhook);
    if (!hook || !hook.active) {
      await deliveries(deps.store).updateOne({ _id: deliveryId }, { $set: { status: 'failed' } });
      return { skipped: 'webhook removed or inactive' };
    }
    const timestamp = Math.floor(deps.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'jinxiaocun-flow-webhooks',
      'x-jxc-event': delivery.event,
      'x-jxc-delivery': delivery._id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: sign(hook.secret, timestamp, delivery.body),
    };
    const outcome = await post(hook.url, headers, delivery.body, deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
    const attempt: Attempt = { at: new Date(deps.now()), status: outcome.status, error: outcome.error };
    if (outcome.error === null) {
      await deliveries(deps.store).updateOne(
        { _id: deliveryId },
        { $push: { attempts: attempt }, $set: { status: 'delivered', deliveredAt: attempt.at } },
      );
      return { status: 'delivered', httpStatus: outcome.status };
    }
    const last = job.attempt >= deps.attempts;
    await deliveries(deps.store).updateOne(
      { _id: deliveryId },
      { $push: { attempts: attempt }, ...(last ? { $set: { status: 'failed' } } : {}) },
    );
    throw new Error(`webhook ${hook._id} → ${hook.url}: ${outcome.error}`);
  };
}
