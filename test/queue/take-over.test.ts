// A BullMQ worker process killed with SIGKILL in the middle of a job (its
// effect applied, the job not yet completed): once its lock runs out, another
// worker process takes the job over and completes it, and the effect — an
// inventory operation keyed by the job — is there once, not twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureInventoryIndexes } from '../../engine/inventory/indexes';
import { LEVELS, type LevelDoc } from '../../engine/inventory/index';
import { createBullmqQueue } from '../../engine/queue/bullmq/index';
import type { QueuePort } from '../../engine/queue/types';
import { openMongoStore } from '../../engine/store/mongodb/index';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { repoRoot } from '../support/engine-process';
import { mongoUri, redisUrl, requireService } from '../support/services';
import { quietLogger } from './quiet-logger';

const redis = redisUrl();
const mongo = mongoUri();
const LOCK_MS = 1000;

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<NodeJS.Signals | number | null>;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/queue/fixtures/take-over-worker.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, output: () => out, exited };
}

async function until(what: string, check: () => boolean | Promise<boolean>, read: () => string): Promise<void> {
  // Each wait includes a worker child starting (tsx compiles it): slow on busy CI cores.
  const deadline = Date.now() + 90_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(
  requireService('Redis', redis) && requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', mongo),
)('a worker killed with SIGKILL mid-job', () => {
  const prefix = `jxc-test-takeover-${process.pid}-${Date.now().toString(36)}`;
  const dbName = `test_${newId()}`;
  let store: Store;
  let queue: QueuePort;
  const workers: Worker[] = [];

  beforeAll(async () => {
    store = await openMongoStore({ uri: mongo ?? '', dbName });
    await ensureInventoryIndexes(store);
    queue = createBullmqQueue({ redisUrl: redis ?? '', prefix, runWorkers: false, logger: quietLogger() });
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await queue?.close();
    await store?.close();
    const client = new Redis(redis ?? '');
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    client.disconnect();
  });

  it('is taken over by another worker, and its effect happens once', async () => {
    const env = {
      REDIS_URL: redis ?? '',
      MONGO_URI: mongo ?? '',
      MONGO_DB: dbName,
      QUEUE_PREFIX: prefix,
      LOCK_MS: String(LOCK_MS),
    };
    const first = startWorker({ ...env, HANG_AFTER_EFFECT: '1' });
    workers.push(first);
    await until('the first worker to start', () => first.output().includes('READY'), first.output);
    const id = await queue.enqueue('outbox', 'take-over-probe', {}, { jobId: 'probe-1', attempts: 3 });

    await until('the effect in the first worker', () => first.output().includes(`EFFECT ${id}`), first.output);
    expect((await queue.getJob('outbox', id))?.state).toBe('active');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = startWorker(env);
    workers.push(second);
    await until(
      'the job to complete',
      async () => (await queue.getJob('outbox', id))?.state === 'completed',
      second.output,
    );

    const job = await queue.getJob('outbox', id);
    // The second worker ran it (again) and found the effect already applied.
    expect(job?.result).toEqual({ replayed: true, pid: second.child.pid });
    expect(second.output()).toContain(`STARTED ${id}`);
    expect(second.output()).toContain(`EFFECT ${id} replayed=true`);
    const rows = await store.collection<LevelDoc>(LEVELS).find({ product: 'P-TAKEOVER', warehouse: 'WH-TAKEOVER' });
    expect(rows.map((r) => r.incoming)).toEqual([5000]);
  }, 240_000);
});
