// Redis killed and started again while workers are busy: a redis-server of this
// test's own (a free port, append-only file fsynced on every write, so it comes
// back with what it acknowledged) — never the machine's shared one. Jobs are
// enqueued before, during and after the outage (an enqueue refused while Redis
// is away is sent again with the same jobId). Every acknowledged job completes,
// and its effect — an inventory operation keyed by the job id, as the engine's
// effects are — applies exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { addIncoming, LEVELS, MOVES, toMilli, type LevelDoc } from '../../engine/inventory/index';
import { ensureInventoryIndexes } from '../../engine/inventory/indexes';
import { createBullmqQueue } from '../../engine/queue/bullmq/index';
import type { QueuePort } from '../../engine/queue/types';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import type { Store } from '../../engine/store/types';
import { freePort } from '../support/engine-process';

const JOBS = 240;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let dir = '';
let redis: ChildProcess | undefined;
let store: Store | undefined;
let queue: QueuePort | undefined;

afterAll(async () => {
  await queue?.close().catch(() => undefined);
  await store?.close();
  if (redis && redis.exitCode === null && redis.signalCode === null) {
    redis.kill('SIGKILL');
    await new Promise((r) => redis!.once('exit', r));
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts redis-server on `port` with its data in `dataDir`; resolves once it accepts connections. */
async function startRedis(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dataDir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--save',
      '',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 20_000);
    child.stdout?.on('data', () => {
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return child;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('loses no job and runs none twice when Redis is killed and restarted under worker load', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jxc-redis-restart-'));
  const port = await freePort();
  redis = await startRedis(port, dir);
  store = await openEmbeddedStore({ dataDir: path.join(dir, 'store'), fsync: false });
  await ensureInventoryIndexes(store);
  const s = store;
  const q = createBullmqQueue({
    redisUrl: `redis://127.0.0.1:${port}`,
    prefix: 'resil',
    runWorkers: true,
    concurrency: 4,
    lockMs: 2000,
    logger: quiet,
  });
  queue = q;

  const runs = new Map<string, number>();
  let applied = 0;
  let replayed = 0;
  q.process('outbox', async (job) => {
    runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
    const result = await addIncoming({
      store: s,
      key: `redis-restart-${job.id}`,
      ref: { type: 'purchase_order', id: `po-${job.id}` },
      warehouse: 'WH-RESIL',
      lines: [{ product: 'P-RESIL', qty: 1 }],
    });
    if (result.replayed) replayed += 1;
    else applied += 1;
    return { replayed: result.replayed };
  });

  // The producer: jobs one after another; one refused while Redis is away is sent again, same id.
  const acknowledged = new Set<string>();
  let refusedEnqueues = 0;
  const producing = (async () => {
    for (let i = 0; i < JOBS; i += 1) {
      const jobId = `job-${i}`;
      // Kept a few jobs ahead of the workers, so enqueueing goes on through the outage.
      while (acknowledged.size - applied > 12) await new Promise((r) => setTimeout(r, 20));
      for (;;) {
        try {
          await q.enqueue('outbox', 'resil.incoming', { i }, { jobId, attempts: 10, backoffMs: 200 });
          acknowledged.add(jobId);
          break;
        } catch {
          refusedEnqueues += 1;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
  })();

  // Kill Redis once the workers are well into the jobs, and start it again on the same port and data.
  await until('a third of the jobs done', () => applied >= JOBS / 3);
  const atKill = applied;
  redis.kill('SIGKILL');
  await new Promise((r) => redis!.once('exit', r));
  redis = await startRedis(port, dir);
  await producing;

  await until(
    'every acknowledged job completed',
    async () => {
      for (const id of acknowledged) if ((await q.getJob('outbox', id))?.state !== 'completed') return false;
      return true;
    },
    90_000,
  );
  const level = await s.collection<LevelDoc>(LEVELS).findOne({ product: 'P-RESIL', warehouse: 'WH-RESIL' });
  const moves = await s.collection(MOVES).count({ product: 'P-RESIL' });
  const twice = [...runs.values()].filter((n) => n > 1).length;
  console.log(
    `redis restart: ${JOBS} jobs (${acknowledged.size} acknowledged, ${refusedEnqueues} enqueues refused while Redis was away), ` +
      `killed after ${atKill} done; ${applied} effects applied, ${replayed} replays of an applied effect ` +
      `(${twice} jobs run again after the restart), ${moves} ledger moves`,
  );
  expect(acknowledged.size).toBe(JOBS);
  // Each job's effect exactly once: one ledger move each, incoming equal to the job count.
  expect(applied).toBe(JOBS);
  expect(moves).toBe(JOBS);
  expect(level?.incoming).toBe(toMilli(JOBS));
  expect((await q.counts('outbox')).dead).toBe(0);
}, 180_000);
