// Which processor handles each queue: one per queue, dispatching on the job name
// to the engine context's job registry (engine/context). `npm run workers` runs
// them on BullMQ and, without REDIS_URL, the engine's inline queue runs the same
// map. Workers add jobs with engine.jobs.register(queue, name, handler) and
// periodic ones with engine.schedules.register({queue, name, everyMs | cron}).
import { processorsOf, registerProcessors, type EngineContext, type ProcessorMap } from '../engine/context/index';

export type { ProcessorMap };
export { registerProcessors };

/** Every queue's processor, bound to one engine. */
export function buildProcessors(engine: EngineContext): ProcessorMap {
  return processorsOf(engine);
}
