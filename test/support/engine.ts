// An engine context for tests that call engine functions directly (no HTTP):
// the same createEngine() the web app and the workers use, on a given store.
import { loadConfig } from '../../engine/config';
import { createEngine, type EngineContext, type EngineOptions } from '../../engine/context/index';
import type { QueuePort } from '../../engine/queue/types';
import type { Store } from '../../engine/store/types';

/** A queue that accepts schedules and jobs and runs nothing (tests that never start the engine's jobs). */
export function idleQueue(): QueuePort {
  return {
    kind: 'inline',
    enqueue: async (_queue, name) => `${name}:idle`,
    repeat: async () => undefined,
    removeRepeat: async () => undefined,
    process: () => undefined,
    getJob: async () => null,
    listFailed: async () => [],
    retryFailed: async () => false,
    discardFailed: async () => false,
    counts: async () => ({ waiting: 0, active: 0, delayed: 0, failed: 0, dead: 0 }),
    ping: async () => true,
    close: async () => undefined,
  };
}

export function testEngine(store: Store, options: Partial<Omit<EngineOptions, 'store'>> = {}): EngineContext {
  const config =
    options.config ??
    loadConfig({ DATA_DIR: '/nonexistent', ADMIN_PASSWORD: 'Admin-Test-Pass-2026', LOG_LEVEL: 'silent' });
  return createEngine({ ...options, config, store, queue: options.queue ?? idleQueue() });
}
