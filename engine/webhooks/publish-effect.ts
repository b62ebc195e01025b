// Document events for webhooks (`document.created`, `document.transitioned`)
// go through the outbox: when a webhook listens for the event, the change's
// event carries a `webhooks.publish` effect, written in the same atomic write as
// the document (documents/events.ts). After the commit the effect records the
// deliveries and enqueues them; if that fails, or the process dies first, the
// outbox worker retries it (documents/outbox-worker.ts). Deliveries are keyed by
// webhook × event, so running the effect again never delivers twice.
import type { Outbound } from '../queue/index';
import type { Store } from '../store/index';
import { WEBHOOKS, webhooks } from './service';

export const PUBLISH_EFFECT = 'webhooks.publish';

export type DocumentEventName = 'document.created' | 'document.transitioned';

interface PublishContext {
  store: Store;
  /** The engine's channels: `outbound.emit` records and enqueues the deliveries. */
  engine: { outbound?: Outbound };
  doc: { _id: string; type: string; number?: unknown };
  event: {
    seq: number;
    at: Date;
    from: string | null;
    to: string;
    transition?: string;
    actor: { id: string; username: string };
  };
  options: Record<string, unknown>;
}

/**
 * The effect to add to a change's event when someone listens for `name`; none
 * otherwise. Every create and transition asks, so on a store only this process
 * writes (embedded) the answer is kept until `webhooks` is next written, by any
 * path (store.readThrough); on a shared store (MongoDB, where another engine may
 * register a webhook) it is one small read each time.
 */
export async function publishEffects(
  store: Store,
  name: DocumentEventName,
): Promise<Array<{ name: string; options: { event: DocumentEventName } }>> {
  const read = async () =>
    (await webhooks(store).findOne({ active: true, events: name }, { projection: { _id: 1 } })) !== null;
  const listening = store.readThrough ? await store.readThrough(WEBHOOKS, `listening:${name}`, read) : await read();
  return listening ? [{ name: PUBLISH_EFFECT, options: { event: name } }] : [];
}

/** The after-commit handler: the payload comes from the event, so a late run sends what happened then. */
export async function publishDocumentEvent(ctx: PublishContext): Promise<void> {
  const name = ctx.options.event;
  if (name !== 'document.created' && name !== 'document.transitioned') return;
  const { doc, event } = ctx;
  await ctx.engine.outbound?.emit?.({
    id: `${doc._id}-${event.seq}`,
    event: name,
    data: {
      type: doc.type,
      id: doc._id,
      number: doc.number,
      ...(name === 'document.transitioned' ? { transition: event.transition, from: event.from } : {}),
      to: event.to,
      version: event.seq,
      actor: event.actor,
    },
    at: event.at,
  });
}
