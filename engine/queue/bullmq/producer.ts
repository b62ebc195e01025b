// The producer side's one Redis connection, shared by the adapter's queues.
// Producers fail fast: with the offline queue off, a command while Redis is away
// errors at once instead of piling up, and a call made while it is still
// (re)connecting waits a few seconds at most.
import { Redis } from 'ioredis';
import { redact } from '../../config';
import type { QueueLogger } from '../types';

export interface Producer {
  readonly redis: Redis;
  /** Resolves once Redis answers; rejects with one clear line after `timeoutMs`. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createProducer(input: { redisUrl: string; connectTimeoutMs: number; logger: QueueLogger }): Producer {
  const { redisUrl, connectTimeoutMs, logger } = input;
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let lastError: unknown;
  redis.on('error', (err: unknown) => {
    // ioredis repeats the same connection error on every reconnect; log each change once.
    if (errorText(err) !== errorText(lastError))
      logger.error({ err, redis: redact(redisUrl) }, 'bullmq queue: Redis connection error');
    lastError = err;
  });
  redis.on('ready', () => {
    lastError = undefined;
  });

  function ready(): Promise<void> {
    if (redis.status === 'ready') return Promise.resolve();
    if (redis.status === 'end') return Promise.reject(new Error('bullmq queue: closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        redis.off('ready', onReady);
        reject(new Error(`Redis at ${redact(redisUrl)} is not reachable: ${errorText(lastError) || redis.status}`));
      }, connectTimeoutMs);
      function onReady(): void {
        clearTimeout(timer);
        resolve();
      }
      redis.once('ready', onReady);
    });
  }

  async function close(): Promise<void> {
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  }

  return { redis, ready, close };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : err === undefined ? '' : String(err);
}
