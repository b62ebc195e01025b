import { redact, type Config } from '../config';
import { ConfigError } from '../errors';
import type { Store } from '../store/index';
import type { BullmqQueueOptions } from './bullmq/index';
import type { QueueLogger, QueuePort } from './types';

const REDIS_CHECK_MS = 3000;

async function reachable(queue: QueuePort): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), REDIS_CHECK_MS);
  });
  try {
    return await Promise.race([queue.ping().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The BullMQ adapter, loaded on demand: bullmq and ioredis are a third of a
 * second of start-up that an engine on the inline queue never needs.
 */
export async function openBullmqQueue(options: BullmqQueueOptions): Promise<QueuePort> {
  const { createBullmqQueue } = await import('./bullmq/index');
  return createBullmqQueue(options);
}

/** REDIS_URL → BullMQ (workers run in `npm run workers`); else the inline queue in this process. */
export async function openQueue({
  config,
  store,
  runWorkers,
  logger,
}: {
  config: Config;
  store: Store;
  runWorkers: boolean;
  logger?: QueueLogger;
}): Promise<QueuePort> {
  if (config.redisUrl) {
    const queue = await openBullmqQueue({ redisUrl: config.redisUrl, runWorkers, logger });
    if (!(await reachable(queue))) {
      // The one-line config error matters more than a close error from a queue that never connected.
      await queue.close().catch(() => undefined);
      throw new ConfigError('REDIS_URL', `cannot reach ${redact(config.redisUrl)}`);
    }
    return queue;
  }
  const { createInlineQueue } = await import('./inline/index');
  return createInlineQueue({ store, logger });
}
