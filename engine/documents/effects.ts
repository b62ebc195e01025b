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
// Effects with no registered handler stay `pending` in the outbox. The registry
// belongs to one engine (engine/context): a worker process builds the same one.
import type { Store } from '../store/index';
import { BUILTIN_EFFECTS } from '../definitions/index';
import type { DocumentRecord } from './document-record';
import type { DocumentServices } from './services';
import { handToOutboxWorker } from './outbox-worker';
import { OUTBOX_COLLECTION, outboxId, type EffectRequest, type EventRecord, type OutboxRecord } from './events';

export interface EffectContext {
  store: Store;
  /** The engine this effect runs in: its definitions, registries and fault seam (documents/services.ts). */
  engine: DocumentServices;
  /** The document after the state change (before-commit: as it will be once written). */
  doc: DocumentRecord;
  event: EventRecord;
  effect: string;
  options: Record<string, unknown>;
  /** Stable id of this effect application: handlers use it to stay idempotent. */
  outboxId: string;
  /**
   * Before the commit only: top-level `data` fields the change writes too, set by the
   * effect that decides them (what a whole-order ship shipped, a backorder's promised
   * date), so they land in the same version as the change and its answer, not in a
   * later write that leaves the caller's version stale.
   */
  amend?: (fields: Record<string, unknown>) => void;
}

export type EffectHandler = (ctx: EffectContext) => Promise<void>;
export type EffectPhase = 'before-commit' | 'after-commit';

export interface EffectOptions {
  /** Default `before-commit`. */
  phase?: EffectPhase;
  /** Undoes a before-commit effect by its key (idempotent; nothing to undo returns at once). */
  compensate?: EffectHandler;
}

/** One engine's effects: filled when the engine is built (engine/context), never a process global. */
export interface EffectRegistry {
  /** Registers (or replaces) the handler for an effect name. */
  register(name: string, handler: EffectHandler, options?: EffectOptions): void;
  /** Removes a handler (plugin uninstall); the name stays known if it is a built-in. */
  unregister(name: string): void;
  handler(name: string): EffectHandler | undefined;
  compensation(name: string): EffectHandler | undefined;
  /** Before-commit only for a registered handler that says so; an unregistered effect waits in the outbox. */
  runsBeforeCommit(effect: Pick<EffectRequest, 'name'>): boolean;
  /** Names a definition may use: the built-in catalogue plus every registered handler. */
  knownNames(): string[];
  isKnown(name: string): boolean;
}

interface Registration {
  handler: EffectHandler;
  phase: EffectPhase;
  compensate?: EffectHandler;
}

export function createEffectRegistry(): EffectRegistry {
  const registrations = new Map<string, Registration>();
  const extraNames = new Set<string>();
  const builtin = (name: string): boolean => (BUILTIN_EFFECTS as readonly string[]).includes(name);
  return {
    register(name, handler, options = {}) {
      registrations.set(name, {
        handler,
        phase: options.phase ?? 'before-commit',
        ...(options.compensate ? { compensate: options.compensate } : {}),
      });
      if (!builtin(name)) extraNames.add(name);
    },
    unregister(name) {
      registrations.delete(name);
      extraNames.delete(name);
    },
    handler: (name) => registrations.get(name)?.handler,
    compensation: (name) => registrations.get(name)?.compensate,
    runsBeforeCommit: (effect) => registrations.get(effect.name)?.phase === 'before-commit',
    knownNames: () => [...BUILTIN_EFFECTS, ...extraNames],
    isKnown: (name) => builtin(name) || registrations.has(name),
  };
}

export interface EffectLogger {
  error(obj: object, message: string): void;
}

/** Runs one after-commit outbox entry whose claim this process holds; marks it done, or records the error. */
export async function runClaimedEffect(
  engine: DocumentServices,
  input: { doc: DocumentRecord; event: EventRecord; effect: EffectRequest; id: string; log: EffectLogger },
): Promise<boolean> {
  const { store } = engine;
  const outbox = store.collection<OutboxRecord>(OUTBOX_COLLECTION);
  const handler = engine.effects.handler(input.effect.name);
  if (!handler) return false;
  try {
    await handler({
      store,
      engine,
      doc: input.doc,
      event: input.event,
      effect: input.effect.name,
      options: input.effect.options ?? {},
      outboxId: input.id,
    });
    await outbox.updateOne({ _id: input.id }, { $set: { status: 'done', doneAt: new Date() } });
    return true;
  } catch (err) {
    input.log.error(
      { err, effect: input.effect.name, docId: input.doc._id, outboxId: input.id },
      'effect handler failed; left pending for the resume sweep',
    );
    await outbox.updateOne(
      { _id: input.id },
      { $set: { lastError: err instanceof Error ? err.message : String(err) } },
    );
    return false;
  }
}

/**
 * Runs the after-commit effects of a committed event that have a handler. A
 * failing handler leaves its outbox entry pending with the error, is logged, and
 * is handed to the outbox worker; the state change it follows stays.
 */
export async function runEffects(
  engine: DocumentServices,
  doc: DocumentRecord,
  event: EventRecord,
  log: EffectLogger,
): Promise<void> {
  const outbox = engine.store.collection<OutboxRecord>(OUTBOX_COLLECTION);
  for (const effect of event.effects) {
    if (effect.applied || !engine.effects.handler(effect.name)) continue;
    const id = outboxId(event, effect.name);
    // Claim the entry so the sweep and this request never both apply it.
    const claimed = await outbox.findOneAndUpdate(
      { _id: id, status: 'pending', attempts: 0 },
      { $inc: { attempts: 1 } },
    );
    if (!claimed) continue;
    // A failure goes to the outbox worker, which retries it with backoff (outbox-worker.ts).
    if (!(await runClaimedEffect(engine, { doc, event, effect, id, log }))) await handToOutboxWorker(engine, id, log);
  }
}
