// HTTP benchmarks for `npm run bench` (bench/run.ts): a bare Fastify server as
// the ceiling, and the engine as `npm start` runs it (the built JavaScript, in
// its own process, tools/start.js; `bench-engine` is the same start-up with rate
// limits out of reach). Load comes from autocannon at 64 connections, or from 32
// closed-loop workers for create → submit → approve cycles. Every figure is one
// run; bench/run.ts repeats and takes the median.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('../', import.meta.url));
export const PASSWORD = 'Bench-Pass-2026-xyz';

export interface Latency {
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

export interface Running {
  child: ChildProcess;
  base: string;
  startupMs: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Spawns `args` with PORT set and waits for `probe` to answer; start-up is measured to that first answer. */
export async function startProcess(args: string[], env: NodeJS.ProcessEnv, probe = '/health'): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode} during start-up`);
    const answered = await fetch(`${base}${probe}`, { method: probe === '/echo' ? 'POST' : 'GET' }).then(
      () => true,
      () => false,
    );
    if (answered) return { child, base, startupMs: performance.now() - started };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not answer within 180 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function stopProcess(running: Running): Promise<void> {
  running.child.kill('SIGTERM');
  if (running.child.exitCode === null) await once(running.child, 'exit');
}

const pct = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

function summarise(latencies: number[], seconds: number, failed: number): Latency {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: pct(sorted, 50),
    p95: pct(sorted, 95),
    p99: pct(sorted, 99),
    failed,
  };
}

/** autocannon at `connections` for `seconds`; only 2xx answers count, the rest are `failed`. */
export function cannon(
  options: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  seconds: number,
  connections = 64,
): Promise<Latency> {
  return new Promise((resolve, reject) => {
    const ok: number[] = [];
    let failed = 0;
    const instance = autocannon({ ...options, connections, duration: seconds }, (err, result) => {
      if (err) reject(err);
      else resolve(summarise(ok, result.duration, failed + result.errors + result.timeouts));
    });
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) ok.push(ms);
      else failed += 1;
    });
  });
}

type Call = (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<Record<string, unknown>>;

export function client(base: string, token: string): Call {
  return async (method, url, body) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

export async function login(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * `workers` closed loops for `seconds`, each repeating `cycle` (which returns the
 * latency of every request it made). Requests per second count every request.
 */
export async function closedLoop(
  workers: number,
  seconds: number,
  cycle: () => Promise<number[]>,
): Promise<Latency & { cyclesPerSecond: number }> {
  const latencies: number[] = [];
  let cycles = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        try {
          latencies.push(...(await cycle()));
          cycles += 1;
        } catch {
          failed += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { ...summarise(latencies, elapsed, failed), cyclesPerSecond: cycles / elapsed };
}

/** Runs `call` and returns its latency in milliseconds. */
export async function timedCall(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}
