// Starts a throwaway FerretDB 1.24 (SQLite handler) for the test run: its own
// temp dir, a free loopback port, no telemetry and no debug HTTP listener, so
// two runs on one machine never clash.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';

const run = promisify(execFile);
const START_DEADLINE_MS = 30_000;

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function goBinDir(): Promise<string> {
  try {
    const { stdout } = await run('go', ['env', 'GOPATH']);
    const gopath = stdout.trim().split(path.delimiter)[0];
    if (gopath) return path.join(gopath, 'bin');
  } catch {
    // No Go toolchain: fall back to Go's default GOPATH below.
  }
  return path.join(homedir(), 'go', 'bin');
}

/** The ferretdb binary on PATH, else in `$(go env GOPATH)/bin`; undefined when absent. */
export async function findFerretDb(): Promise<string | undefined> {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  dirs.push(await goBinDir());
  for (const dir of dirs) {
    const candidate = path.join(dir, 'ferretdb');
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answersPing(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
  try {
    await client.connect();
    const reply = await client.db('admin').command({ ping: 1 });
    return reply.ok === 1;
  } catch {
    return false; // not listening yet; the caller polls until its deadline
  } finally {
    await client.close(true);
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface FerretDb {
  uri: string;
  stop(): Promise<void>;
}

/** Starts FerretDB and resolves once it answers a ping; rejects with its output tail otherwise. */
export async function startFerretDb(binary: string): Promise<FerretDb> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-ferretdb-'));
  const port = await freePort();
  const uri = `mongodb://127.0.0.1:${port}/`;
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=WARN',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (err) => keep(Buffer.from(`spawn error: ${err.message}\n`)));

  // If vitest is interrupted before its teardown runs, still take FerretDB down with it.
  const onExit = (): void => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (await answersPing(uri)) return { uri, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const why =
    child.exitCode !== null || child.signalCode !== null
      ? 'exited'
      : `did not answer within ${START_DEADLINE_MS / 1000} s`;
  await stop();
  // A plain `go build` in the module cache lacks build/version/version.txt and panics.
  const hint = output.includes('version.txt') ? '\nRebuild it with .ci/run, which writes version.txt first.' : '';
  throw new Error(`FerretDB (${binary}) ${why} on ${uri}. Its output:\n${output.trim()}${hint}`);
}
