// What a capability hands to the engine's background channels once its own
// write is done (docs/architecture.md, "Module-level state"): the new inbox
// entries to e-mail/webhooks, an event to the webhooks that listen for it, the
// stock a finished operation moved to the low-stock check. One `Outbound` per
// engine (engine.outbound), filled by the capabilities that own the channels
// (engine/context/builtins-workers.ts) and passed in the deps a function already
// takes, never looked up by store: two engines on one store keep their own.
import type { Store } from '../store/index';

export interface OutboundEvent {
  /** Stable id of what happened (e.g. the document event's id), for idempotency. */
  id: string;
  event: string;
  data: Record<string, unknown>;
  at: Date;
}

export interface MovedPair {
  product: string;
  warehouse: string;
}

export interface Outbound {
  /** New inbox entries (their ids) to the other channels (notifications/delivery.ts). */
  dispatch?(notificationIds: string[]): Promise<void>;
  /**
   * Set when a new inbox entry can go nowhere else: no mail server, and this
   * engine runs every job of its store itself (the inline queue on the embedded
   * store), so no other process could send it. The reason is recorded on the
   * entry as its e-mail's outcome when it is written, with no delivery job.
   */
  inboxOnly?: string;
  /** Records and enqueues one event's webhook deliveries; how many webhooks it goes to (webhooks/emit.ts). */
  emit?(event: OutboundEvent): Promise<number>;
  /** A stock operation finished: check the pairs it moved against their reorder points (alerts/stock-watch.ts). */
  stockMoved?(operationKey: string, moves: MovedPair[]): Promise<void>;
}

/** The store to write to and, when the engine has channels, where the result goes next. */
export interface OutboundTarget {
  store: Store;
  outbound?: Outbound;
}
