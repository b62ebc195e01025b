import type { Config } from '../config';
import type { Store } from '../store/types';
import type { QueuePort } from './types';

/** REDIS_URL → BullMQ (workers run in `npm run workers`); else the inline queue in this process. */
export async function openQueue({ config, store, runWorkers }: { config: Config; store: Store; runWorkers: boolean }): Promise<QueuePort> {
  if (config.redisUrl) {
    const { createBullmqQueue } = await import('./bullmq/index');
    return createBullmqQueue({ redisUrl: config.redisUrl, runWorkers });
  }
  const { createInlineQueue } = await import('./inline/index');
  return createInlineQueue({ store });
}
