// `npm run workers` as a real child process: its start-up checks and its
// graceful stop; on FerretDB it holds the store lease like an engine (store/lease.ts).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { newId } from '../../engine/store/ids';
import { acquireStoreLease, LEASE_COLLECTION } from '../../engine/store/index';
import { openMongoStore } from '../../engine/store/mongodb/index';
import { repoRoot } from '../support/engine-process';
import { mongoUri, redisUrl, requireService } from '../support/services';

function startWorkers(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => out, stderr: () => err };
}

// The workers child compiles itself (tsx) as it starts: on busy CI cores that took over 30 s.
async function waitForOutput(read: () => string, pattern: RegExp, deadlineMs = 100_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!pattern.test(read())) {
    if (Date.now() > until) throw new Error(`no ${pattern} in: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run workers', { timeout: 150_000 }, () => {
  it('refuses to start without REDIS_URL, in one line', async () => {
    const workers = startWorkers({});
    expect(await workers.exited).toBe(1);
    expect(workers.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^REDIS_URL: required/)]);
  });

  it('refuses to start without MONGODB_URI, in one line', async () => {
    const workers = startWorkers({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(await workers.exited).toBe(1);
    expect(workers.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^MONGODB_URI: required/)]);
  });

  it('stops at start with one line on a bad configuration', async () => {
    const workers = startWorkers({ REDIS_URL: 'http://127.0.0.1:6379' });
    expect(await workers.exited).toBe(1);
    expect(workers.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/REDIS_URL: must start with redis:\/\//),
    ]);
  });

  const url = redisUrl();
  const mongo = mongoUri();
  it.runIf(requireService('Redis', url) && requireService('MongoDB', mongo))(
    'closes its workers and exits 0 on SIGTERM',
    async () => {
      const workers = startWorkers({ REDIS_URL: url ?? '', MONGODB_URI: mongo ?? '' });
      await waitForOutput(workers.stdout, /"name":"workers"/);
      workers.child.kill('SIGTERM');
      expect(await workers.exited).toBe(0);
      expect(workers.stdout()).toMatch(/workers stopped/);
      expect(workers.stderr()).toBe('');
    },
  );

  it.runIf(requireService('Redis', url) && requireService('MongoDB', mongo))(
    'on FerretDB refuses to start in one line while an engine holds the store lease, and holds it itself otherwise',
    async () => {
      const dbName = `workers_lease_${newId()}`;
      const env = { REDIS_URL: url ?? '', MONGODB_URI: (mongo ?? '').replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`) };
      const store = await openMongoStore({ uri: mongo ?? '', dbName });
      try {
        const leases = store.collection(LEASE_COLLECTION);
        // As engine/server.ts takes it on start.
        const engineLease = await acquireStoreLease(store, { ttlMs: 60_000, onLost: () => undefined });
        const refused = startWorkers(env);
        if (!store.singleWriter) {
          // Real MongoDB: guarded updates hold across processes, workers run beside engines.
          await waitForOutput(refused.stdout, /workers started/);
          refused.child.kill('SIGTERM');
          expect(await refused.exited).toBe(0);
          return;
        }
        expect(await refused.exited).toBe(2);
        expect(refused.stderr().trim().split('\n')).toEqual([
          expect.stringMatching(
            /^MONGODB_URI: an engine \(.+, pid \d+\) is using this FerretDB store; on FerretDB the engine runs the jobs itself/,
          ),
        ]);
        expect(refused.stdout()).not.toMatch(/workers started/);

        // With no engine on the store, the workers take the lease, and give it up on SIGTERM.
        await engineLease.release();
        const workers = startWorkers(env);
        await waitForOutput(workers.stdout, /workers started/);
        const [held] = await leases.find({}, { sort: { generation: -1 }, limit: 1 });
        expect(held).toMatchObject({ role: 'workers', generation: engineLease.generation + 1 });
        expect(new Date(held.expiresAt as Date).getTime()).toBeGreaterThan(Date.now());
        await expect(acquireStoreLease(store, { ttlMs: 60_000, onLost: () => undefined })).rejects.toMatchObject({
          code: 'STORE_LOCKED',
          message: expect.stringContaining('npm run workers'),
        });
        workers.child.kill('SIGTERM');
        expect(await workers.exited, workers.stdout() + workers.stderr()).toBe(0);
        const [released] = await leases.find({}, { sort: { generation: -1 }, limit: 1 });
        expect(new Date(released.expiresAt as Date).getTime()).toBeLessThan(Date.now());
      } finally {
        await store.close();
      }
    },
    240_000,
  );
});
