// `npm run workers` as a real child process: its start-up checks and its
// graceful stop.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
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

async function waitForOutput(read: () => string, pattern: RegExp, deadlineMs = 30_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!pattern.test(read())) {
    if (Date.now() > until) throw new Error(`no ${pattern} in: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run workers', () => {
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
});
