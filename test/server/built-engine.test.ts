// `npm start` runs the engine built once to JavaScript (tools/start.js,
// tools/build-engine.js) under plain Node: built on first start, reused while its
// sources are unchanged, rebuilt after they change (a `git pull`), and a plugin's
// TypeScript handlers still load. Run in a copy of the sources, so the repository's
// own build and staff app are never touched by the test.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, cp, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceHash } from '../../designer/build-if-stale';
import { archiveOf } from '../plugins/support';
import { freePort, repoRoot } from '../support/engine-process';

const run = promisify(execFile);
const PASSWORD = 'Built-Engine-Pass-2026';
/** Plain Node: no tsx loader inherited from the test runner. */
const plainEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...extra,
});

let copy: string;

beforeAll(async () => {
  copy = await mkdtemp(path.join(tmpdir(), 'jxc-built-engine-'));
  for (const part of [
    'engine',
    'workers',
    'definitions',
    'tools',
    'designer/src',
    'designer/index.html',
    'designer/vite.config.ts',
    'designer/build-if-stale.ts',
    'bench/scale-engine.ts',
    'package.json',
    'package-lock.json',
  ]) {
    await cp(path.join(repoRoot, part), path.join(copy, part), { recursive: true });
  }
  await symlink(await realpath(path.join(repoRoot, 'node_modules')), path.join(copy, 'node_modules'));
  // The staff app counts as built (same sources, same hash), so `npm start` goes straight to the engine.
  await mkdir(path.join(copy, 'designer/dist'), { recursive: true });
  await writeFile(path.join(copy, 'designer/dist/index.html'), '<!doctype html><title>staff app</title>');
  await writeFile(path.join(copy, 'designer/dist/.source-hash'), await sourceHash());
});

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

const build = async () =>
  (await run(process.execPath, ['tools/build-engine.js'], { cwd: copy, env: plainEnv() })).stdout;
const folderOf = (stdout: string) => /engine: (dist\/engine\/[0-9a-f]{16})/.exec(stdout)?.[1];

describe('the built engine', { timeout: 240_000 }, () => {
  it('is built when there is none, and reused while the sources are unchanged', async () => {
    const first = await build();
    expect(first).toContain('engine: building (first start)');
    const again = await build();
    expect(again).not.toMatch(/building|rebuilding/);
    expect(folderOf(again)).toBe(folderOf(first));
  });

  it('is rebuilt into a new folder after a source changes, as after a git pull', async () => {
    const before = folderOf(await build());
    await appendFile(path.join(copy, 'engine/health/index.ts'), '\n// pulled\n');
    const after = await build();
    expect(after).toContain('engine: sources changed, rebuilding');
    expect(folderOf(after)).toMatch(/^dist\/engine\//);
    expect(folderOf(after)).not.toBe(before);
  });

  it('serves the API under plain Node, and loads a plugin’s TypeScript handlers at install and at start', async () => {
    const dataDir = path.join(copy, 'data');
    let engine: { child: ChildProcess; base: string } | null = null;
    const start = async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ['tools/start.js', 'server'], {
        cwd: copy,
        env: plainEnv({ DATA_DIR: dataDir, PORT: String(port), ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const base = `http://127.0.0.1:${port}`;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the engine exited with ${child.exitCode}: ${stderr}`);
        const ok = await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return { child, base };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const stop = async () => {
      if (!engine) return;
      engine.child.kill('SIGTERM');
      if (engine.child.exitCode === null) await once(engine.child, 'exit');
      engine = null;
    };
    const call = async (token: string, method: string, url: string, body?: unknown, type = 'application/json') => {
      const res = await fetch(`${engine?.base}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const login = async () => {
      const res = await fetch(`${engine?.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const bookTwice = async (token: string, slot: string) => {
      const customer = await call(token, 'POST', '/api/documents/customer', {
        data: { code: `C-${slot.replace(/\D/g, '')}`, name: '赵敏' },
      });
      expect(customer.status, JSON.stringify(customer.json)).toBe(201);
      const statuses: number[] = [];
      for (let i = 0; i < 2; i += 1) {
        const appointment = await call(token, 'POST', '/api/documents/eye_exam_appointment', {
          data: { customer: customer.json.id, optometrist: '王医生', slot },
        });
        expect(appointment.status, JSON.stringify(appointment.json)).toBe(201);
        const booked = await call(
          token,
          'POST',
          `/api/documents/eye_exam_appointment/${String(appointment.json.id)}/transitions/book`,
          { version: appointment.json.version },
        );
        statuses.push(booked.status);
      }
      return statuses;
    };

    try {
      engine = await start();
      let token = await login();
      const installed = await call(
        token,
        'POST',
        '/api/plugins',
        await archiveOf(path.join(repoRoot, 'plugins/eyewear-retail')),
        'application/gzip',
      );
      expect(installed.status).toBe(201);
      // The slot claim is the plugin's own effect: only loaded handlers refuse the second booking.
      expect(await bookTwice(token, '2026-12-06T11:00')).toEqual([200, 409]);
      await stop();

      engine = await start();
      token = await login();
      expect(await bookTwice(token, '2026-12-07T09:30')).toEqual([200, 409]);
    } finally {
      await stop();
    }
  });
});
