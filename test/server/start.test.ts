import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, waitForHealth, type EngineProcess } from '../support/engine-process';

const running: EngineProcess[] = [];
const dirs: string[] = [];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-start-'));
  dirs.push(dir);
  return dir;
}

async function engine(env: Record<string, string>): Promise<EngineProcess> {
  const e = await startEngine(env);
  running.push(e);
  return e;
}

afterEach(async () => {
  for (const e of running.splice(0)) {
    if (e.child.exitCode === null) e.child.kill('SIGKILL');
    await e.exited;
  }
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** One line, naming the variable, and nothing that looks like a stack trace. */
function expectOneLineNaming(stderr: string, variable: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${variable}`));
  expect(stderr).not.toMatch(/\n\s+at /);
}

// Each start compiles the engine (tsx): slow on busy CI cores, and a test may start two.
describe('npm start', { timeout: 240_000 }, () => {
  it('serves /health with the embedded store and inline queue and prints the admin password once', async () => {
    const dir = await dataDir();
    const first = await engine({ DATA_DIR: dir });
    expect(await waitForHealth(first)).toEqual({ status: 'ok', store: 'embedded', queue: 'inline' });
    expect(first.stdout()).toMatch(/created admin user "admin" with password: \S{20}/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await engine({ DATA_DIR: dir });
    await waitForHealth(second);
    expect(second.stdout()).not.toContain('password');
  });

  it('refuses a second engine on the same DATA_DIR with one clear line', async () => {
    const dir = await dataDir();
    const first = await engine({ DATA_DIR: dir });
    await waitForHealth(first);
    const second = await engine({ DATA_DIR: dir });
    expect(await second.exited).not.toBe(0);
    expect(second.stderr()).toContain(dir);
    expect(second.stderr().trim().split('\n')).toHaveLength(1);
    // The first one is unaffected.
    expect((await fetch(`http://127.0.0.1:${first.port}/health`)).status).toBe(200);
  });

  it('stops with one line naming PORT when it is out of range', async () => {
    const e = await engine({ DATA_DIR: await dataDir(), PORT: '70000' });
    expect(await e.exited).toBe(2);
    expectOneLineNaming(e.stderr(), 'PORT');
  });

  it('stops with one line naming MONGODB_URI when it cannot be parsed', async () => {
    const e = await engine({ MONGODB_URI: 'mongodb//nope' });
    expect(await e.exited).toBe(2);
    expectOneLineNaming(e.stderr(), 'MONGODB_URI');
  });

  it('stops with one line naming MONGODB_URI when the server is unreachable', async () => {
    const e = await engine({ MONGODB_URI: 'mongodb://127.0.0.1:9/jinxiaocun' });
    expect(await e.exited).toBe(2);
    expectOneLineNaming(e.stderr(), 'MONGODB_URI');
  });

  it('stops with one line naming REDIS_URL when Redis is unreachable', async () => {
    const e = await engine({ DATA_DIR: await dataDir(), REDIS_URL: 'redis://127.0.0.1:9' });
    expect(await e.exited).toBe(2);
    expectOneLineNaming(e.stderr(), 'REDIS_URL');
  });
});
