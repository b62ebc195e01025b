// With REDIS_URL the rate-limit counters live in Redis (@fastify/rate-limit's
// Redis store), and so does the per-user budget of not-found answers
// (not-found-budget.ts), so every engine replica draws on one budget per user or address:
// a second engine is no way around the limit. The counters are namespaced by the
// deployment (an id kept in the store), so two shops sharing one Redis, or two
// test runs, never count against each other. Failed-login lockout counters are
// already shared: they are kept in the store (auth/lockout.ts).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DuplicateKeyError } from '../errors';
import type { Store, StoredDoc } from '../store/index';

const SETTINGS = 'settings';
const DEPLOYMENT_ID = 'deployment_id';

interface DeploymentSetting extends StoredDoc {
  value: string;
  createdAt: Date;
}

/** The id every engine on this store shares, created by the first one. */
export async function deploymentId(store: Store): Promise<string> {
  const settings = store.collection<DeploymentSetting>(SETTINGS);
  const existing = await settings.findById(DEPLOYMENT_ID);
  if (existing) return existing.value;
  try {
    return (await settings.insertOne({ _id: DEPLOYMENT_ID, value: randomUUID(), createdAt: new Date() })).value;
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const winner = await settings.findById(DEPLOYMENT_ID);
    if (!winner) throw err;
    return winner.value;
  }
}

export interface SharedLimitStore {
  redis: Redis;
  nameSpace: string;
}

/**
 * A Redis connection for the rate-limit counters. It never queues commands while
 * Redis is away: a request then passes on the limit (skipOnError in security.ts)
 * rather than hanging or failing, and the counters resume when Redis is back.
 */
export async function openSharedLimitStore(redisUrl: string, store: Store): Promise<SharedLimitStore> {
  const { Redis: RedisClient } = await import('ioredis');
  const redis = new RedisClient(redisUrl, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Errors while Redis is away are expected; the queue adapter logs Redis's state.
  redis.on('error', () => undefined);
  return { redis, nameSpace: `jxc-rl:${await deploymentId(store)}:` };
}
