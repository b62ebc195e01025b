// One processor per queue, dispatching on the job's name to the engine's job
// registry: the same map runs under BullMQ (`npm run workers`) and, without
// REDIS_URL, in the engine's inline queue.
import { UnrecoverableJobError, type Processor, type QueueName } from '../queue/index';
import type { EngineContext } from './types';

export type ProcessorMap = Partial<Record<QueueName, Processor>>;

export function processorsOf(engine: EngineContext): ProcessorMap {
  const out: ProcessorMap = {};
  for (const [queue, names] of engine.jobs.queues()) {
    out[queue] = async (job) => {
      const handler = engine.jobs.get(queue, job.name);
      // A job nobody handles will never succeed: straight to the dead-letter list.
      if (!handler)
        throw new UnrecoverableJobError(`the ${queue} queue has no job "${job.name}" (known: ${names.join(', ')})`);
      return handler(job, engine);
    };
  }
  return out;
}

/** Registers every processor on a queue adapter; returns the queues it registered. */
export function registerProcessors(
  queue: { process(name: QueueName, processor: Processor): void },
  processors: ProcessorMap,
): QueueName[] {
  const names = Object.keys(processors) as QueueName[];
  for (const name of names) {
    const processor = processors[name];
    if (processor) queue.process(name, processor);
  }
  return names;
}
