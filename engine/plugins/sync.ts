// For processes that run jobs beside other engines (`npm run workers`): before
// each job, the plugins installed, upgraded or uninstalled elsewhere since the
// last job are loaded or dropped, so a new plugin's alert scan or report runs
// here as soon as its schedule fires, without a restart. One small read per job.
import type { ProcessorMap } from '../context/index';
import type { QueueName } from '../queue/index';
import type { PluginRuntime } from './runtime';

export function withPluginSync(processors: ProcessorMap, runtime: Pick<PluginRuntime, 'sync'>): ProcessorMap {
  const out: ProcessorMap = {};
  for (const [queue, processor] of Object.entries(processors) as Array<[QueueName, ProcessorMap[QueueName]]>) {
    if (!processor) continue;
    out[queue] = async (job) => {
      await runtime.sync();
      return processor(job);
    };
  }
  return out;
}
