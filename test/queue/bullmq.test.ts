// The queue contract on the BullMQ adapter against real Redis (the global set-up
// checks it answers; under CI=true a missing Redis fails the run, never skips).
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../engine/queue/bullmq/index';
import { redisUrl, requireService } from '../support/services';
import { queueContract } from './contract';
import { quietLogger } from './quiet-logger';

const url = redisUrl();
// One prefix per run and one more per test, so runs and tests never see each other's jobs.
const runPrefix = `jxc-test-queue-${process.pid}-${Date.now().toString(36)}`;
let opened = 0;

async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(url ?? '', { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('bullmq queue adapter without Redis', () => {
  it('fails fast with one clear error, answers ping with false and still closes', async () => {
    const logger = quietLogger();
    const queue = createBullmqQueue({
      redisUrl: `redis://127.0.0.1:${await closedPort()}`,
      runWorkers: false,
      connectTimeoutMs: 300,
      logger,
    });
    await expect(queue.enqueue('alerts', 'x', {})).rejects.toThrow(
      /Redis at redis:\/\/127\.0\.0\.1:\d+ is not reachable/,
    );
    expect(await queue.ping()).toBe(false);
    await queue.close();
    expect(logger.entries.some((e) => e.level === 'error' && /Redis connection error/.test(e.msg))).toBe(true);
  });
});

describe.runIf(requireService('Redis', url))('bullmq queue adapter', () => {
  afterAll(async () => {
    await deleteKeys(`${runPrefix}*`);
  });

  queueContract(
    'bullmq',
    async () => {
      opened += 1;
      const queue = createBullmqQueue({
        redisUrl: url ?? '',
        prefix: `${runPrefix}-${opened}`,
        runWorkers: true,
        logger: quietLogger(),
      });
      return { queue };
    },
    async ({ queue }) => {
      await queue.close();
    },
  );
});
