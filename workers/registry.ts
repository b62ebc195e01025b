// Which processor handles each queue. Processors are plain functions of a
// JobContext: the same map is run by `npm run workers` (BullMQ) and, without
// REDIS_URL, by the engine's inline queue. A processor gets what it needs (the
// store, the queue to enqueue follow-ups) from `WorkerDeps`, never from the adapter.
// Alerts, reports, notifications and outbox processors are added here as they are written.
import type { Processor, QueueName, QueuePort } from '../engine/queue/types';
import type { Store } from '../engine/store/types';
import { createAlertsProcessor } from './alerts/index';

export interface WorkerDeps {
  store: Store;
  queue: QueuePort;
  /** Milliseconds since the epoch; tests inject a fake clock. */
  now: () => number;
}

export type ProcessorMap = Partial<Record<QueueName, Processor>>;

/** Every queue's processor, bound to its dependencies. */
export function buildProcessors(deps: WorkerDeps): ProcessorMap {
  return {
    alerts: createAlertsProcessor(deps),
  };
}

/** Registers every processor on a queue adapter; returns the queues it registered. */
export function registerProcessors(queue: { process(name: QueueName, processor: Processor): void }, registry: ProcessorMap): QueueName[] {
  const names = Object.keys(registry) as QueueName[];
  for (const name of names) {
    const processor = registry[name];
    if (processor) queue.process(name, processor);
  }
  return names;
}
