// The queue contract on the BullMQ adapter against real Redis (the global set-up
// checks it answers; under CI=true a missing Redis fails the run, never skips).
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
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

describe.runIf(requireService('Redis', url))('bullmq queue adapter', () => {
  afterAll(async () => {
    await deleteKeys(`${runPrefix}*`);
  });

  queueContract(
    'bullmq',
    async () => {
      opened += 1;
      const queue = createBullmqQueue({ redisUrl: url ?? '', prefix: `${runPrefix}-${opened}`, runWorkers: true, logger: quietLogger() });
      return { queue };
    },
    async ({ queue }) => {
      await queue.close();
    },
  );
});
