// Runs the engine as a real child process (`node --import tsx engine/server.ts`),
// the way `npm start` does, for start-up, shutdown and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

export interface EngineProcess {
  child: ChildProcess;
  port: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A node child process of the repo's `entry` (TypeScript through tsx), its output kept. */
function spawnEntry(entry: string, env: Record<string, string>, port: number): EngineProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, stdout: () => out, stderr: () => err, exited };
}

export async function startEngine(env: Record<string, string>): Promise<EngineProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  return spawnEntry('engine/server.ts', { PORT: String(port), ...env }, port);
}

/** `npm run workers` as a child process (`port` is unused). */
export async function startWorkersProcess(env: Record<string, string>): Promise<EngineProcess> {
  return spawnEntry('workers/main.ts', env, 0);
}

/**
 * Polls /health until it answers or the process exits; throws after the deadline.
 * 100 s by default: the child compiles the engine through tsx as it starts, which on
 * two CI cores shared with other test files took more than 30 s.
 */
export async function waitForHealth(engine: EngineProcess, deadlineMs = 100_000): Promise<Record<string, unknown>> {
  const until = Date.now() + deadlineMs;
  let exitCode: number | null | undefined;
  void engine.exited.then((code) => (exitCode = code));
  while (Date.now() < until) {
    if (exitCode !== undefined) throw new Error(`engine exited with ${exitCode}: ${engine.stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${engine.port}/health`);
      if (res.ok) return (await res.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`engine did not answer /health within ${deadlineMs} ms: ${engine.stderr()}`);
}
