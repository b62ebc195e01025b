// The effect registry: transitions name effects (`inventory.reserve`, `notify`…);
// handlers register here, each with its phase:
// - `before-commit` (the default): the effect may refuse (stock short, receipt
//   over tolerance, any handler that throws). It runs on the document as it will
//   be, before the state change is written, as a step of apply-change.ts: a refusal
//   answers 422 and nothing changes; a change that does not commit is undone by the
//   handler's `compensate` (which must be idempotent, and do nothing when the
//   effect never ran). Handlers use `outboxId` as their idempotency key.
// - `after-commit`: effects that cannot refuse or that talk to the outside
//   (releases, notifications, creating a follow-up document). They run once the
//   change has committed, from the `outbox` entry written with the event: inline
//   right after the commit, or by the resume sweep (intents.ts) when that failed.
// Effects with no registered handler stay `pending` in the outbox.
import type { Store } from '../store/types';
import { BUILTIN_EFFECTS } from '../definitions/types';
import type { DocumentRecord } from './document-record';
import { OUTBOX_COLLECTION, outboxId, type EffectRequest, type EventRecord, type OutboxRecord } from './events';

export interface EffectContext {
  store: Store;
  /** The document after the state change (before-commit: as it will be once written). */
  doc: DocumentRecord;
  event: EventRecord;
  effect: string;
  options: Record<string, unknown>;
  /** Stable id of this effect application: handlers use it to stay idempotent. */
  outboxId: string;
}

export type EffectHandler = (ctx: EffectContext) => Promise<void>;
export type EffectPhase = 'before-commit' | 'after-commit';

export interface EffectOptions {
  /** Default `before-commit`. */
  phase?: EffectPhase;
  /** Undoes a before-commit effect by its key (idempotent; nothing to undo returns at once). */
  compensate?: EffectHandler;
}

interface Registration {
  handler: EffectHandler;
  phase: EffectPhase;
  compensate?: EffectHandler;
}

const registrations = new Map<string, Registration>();
const extraNames = new Set<string>();

/** Registers (or replaces) the handler for an effect name. */
export function registerEffect(name: string, handler: EffectHandler, options: EffectOptions = {}): void {
  registrations.set(name, { handler, phase: options.phase ?? 'before-commit', ...(options.compensate ? { compensate: options.compensate } : {}) });
  if (!(BUILTIN_EFFECTS as readonly string[]).includes(name)) extraNames.add(name);
}

/** Removes a handler (tests, plugin uninstall); the name stays known if it is a built-in. */
export function unregisterEffect(name: string): void {
  registrations.delete(name);
  extraNames.delete(name);
}

export function getEffectHandler(name: string): EffectHandler | undefined {
  return registrations.get(name)?.handler;
}

export function getEffectCompensation(name: string): EffectHandler | undefined {
  return registrations.get(name)?.compensate;
}

/** Before-commit only for a registered handler that says so; an unregistered effect waits in the outbox. */
export function runsBeforeCommit(effect: EffectRequest): boolean {
  return registrations.get(effect.name)?.phase === 'before-commit';
}

/** Names a definition may use: the built-in catalogue plus every registered handler. */
export function knownEffectNames(): string[] {
  return [...BUILTIN_EFFECTS, ...extraNames];
}

export function isKnownEffect(name: string): boolean {
  return (BUILTIN_EFFECTS as readonly string[]).includes(name) || registrations.has(name);
}

export interface EffectLogger {
  error(obj: object, message: string): void;
}

/** Runs one after-commit outbox entry whose claim this process holds; marks it done, or records the error. */
export async function runClaimedEffect(store: Store, input: { doc: DocumentRecord; event: EventRecord; effect: EffectRequest; id: string; log: EffectLogger }): Promise<boolean> {
  const outbox = store.collection<OutboxRecord>(OUTBOX_COLLECTION);
  const handler = registrations.get(input.effect.name)?.handler;
  if (!handler) return false;
  try {
    await handler({ store, doc: input.doc, event: input.event, effect: input.effect.name, options: input.effect.options ?? {}, outboxId: input.id });
    await outbox.updateOne({ _id: input.id }, { $set: { status: 'done', doneAt: new Date() } });
    return true;
  } catch (err) {
    input.log.error({ err, effect: input.effect.name, docId: input.doc._id, outboxId: input.id }, 'effect handler failed; left pending for the resume sweep');
    await outbox.updateOne({ _id: input.id }, { $set: { lastError: err instanceof Error ? err.message : String(err) } });
    return false;
  }
}

/**
 * Runs the after-commit effects of a committed event that have a handler. A
 * failing handler leaves its outbox entry pending with the error (the resume
 * sweep retries it) and is logged; the state change it follows stays.
 */
export async function runEffects(store: Store, doc: DocumentRecord, event: EventRecord, log: EffectLogger): Promise<void> {
  const outbox = store.collection<OutboxRecord>(OUTBOX_COLLECTION);
  for (const effect of event.effects) {
    if (effect.applied || !registrations.has(effect.name)) continue;
    const id = outboxId(event, effect.name);
    // Claim the entry so the sweep and this request never both apply it.
    const claimed = await outbox.findOneAndUpdate({ _id: id, status: 'pending', attempts: 0 }, { $inc: { attempts: 1 } });
    if (!claimed) continue;
    await runClaimedEffect(store, { doc, event, effect, id, log });
  }
}
