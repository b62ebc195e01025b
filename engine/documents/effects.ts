// The effect registry: transitions name effects (`inventory.reserve`, `notify`…);
// handlers register here. Effects are recorded with the transition's event and
// written to the `outbox` collection in the same settle step (events.ts), so each
// is recorded exactly once even across crashes. After the state change commits,
// effects with a registered handler run inline and their outbox entry is marked
// done; effects without a handler stay `pending` for the outbox worker (the
// inventory issue registers the inventory handlers).
import type { Store } from '../store/types';
import { BUILTIN_EFFECTS } from '../definitions/types';
import type { DocumentRecord } from './document-record';
import { OUTBOX_COLLECTION, outboxId, type EventRecord, type OutboxRecord } from './events';

export interface EffectContext {
  store: Store;
  /** The document after the state change. */
  doc: DocumentRecord;
  event: EventRecord;
  effect: string;
  options: Record<string, unknown>;
  /** Stable id of this effect application: handlers use it to stay idempotent. */
  outboxId: string;
}

export type EffectHandler = (ctx: EffectContext) => Promise<void>;

const handlers = new Map<string, EffectHandler>();
const extraNames = new Set<string>();

/** Registers (or replaces) the handler for an effect name. */
export function registerEffect(name: string, handler: EffectHandler): void {
  handlers.set(name, handler);
  if (!(BUILTIN_EFFECTS as readonly string[]).includes(name)) extraNames.add(name);
}

/** Removes a handler (tests, plugin uninstall); the name stays known if it is a built-in. */
export function unregisterEffect(name: string): void {
  handlers.delete(name);
  extraNames.delete(name);
}

export function getEffectHandler(name: string): EffectHandler | undefined {
  return handlers.get(name);
}

/** Names a definition may use: the built-in catalogue plus every registered handler. */
export function knownEffectNames(): string[] {
  return [...BUILTIN_EFFECTS, ...extraNames];
}

export function isKnownEffect(name: string): boolean {
  return (BUILTIN_EFFECTS as readonly string[]).includes(name) || handlers.has(name);
}

export interface EffectLogger {
  error(obj: object, message: string): void;
}

/**
 * Runs the registered handlers of an event's effects. A failing handler leaves its
 * outbox entry pending with the error (the worker retries it) and is logged; the
 * state change it follows has already committed and stays.
 */
export async function runEffects(store: Store, doc: DocumentRecord, event: EventRecord, log: EffectLogger): Promise<void> {
  const outbox = store.collection<OutboxRecord>(OUTBOX_COLLECTION);
  for (const effect of event.effects) {
    const handler = handlers.get(effect.name);
    if (!handler) continue;
    const id = outboxId(event, effect.name);
    // Claim the entry so the outbox worker and this request never both apply it.
    const claimed = await outbox.findOneAndUpdate({ _id: id, status: 'pending', attempts: 0 }, { $inc: { attempts: 1 } });
    if (!claimed) continue;
    try {
      await handler({ store, doc, event, effect: effect.name, options: effect.options ?? {}, outboxId: id });
      await outbox.updateOne({ _id: id }, { $set: { status: 'done', doneAt: new Date() } });
    } catch (err) {
      log.error({ err, effect: effect.name, docId: doc._id, outboxId: id }, 'effect handler failed; left pending for the outbox worker');
      await outbox.updateOne({ _id: id }, { $set: { lastError: err instanceof Error ? err.message : String(err) } });
    }
  }
}
