// Which processor handles each queue. Processors are plain functions of a
// JobContext: the same map is run by `npm run workers` (BullMQ) and, without
// REDIS_URL, by the engine's inline queue. Alerts, reports, notifications and
// outbox processors are added here as they are written.
import type { Processor, QueueName } from '../engine/queue/types';

export const processors: Partial<Record<QueueName, Processor>> = {};

/** Registers every processor on a queue adapter; returns the queues it registered. */
export function registerProcessors(
  queue: { process(name: QueueName, processor: Processor): void },
  registry: Partial<Record<QueueName, Processor>> = processors,
): QueueName[] {
  const names = Object.keys(registry) as QueueName[];
  for (const name of names) {
    const processor = registry[name];
    if (processor) queue.process(name, processor);
  }
  return names;
}
