import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngine, waitForHealth } from '../support/engine-process';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// The engine child compiles itself (tsx) as it starts: slow on busy CI cores.
describe('SIGTERM', { timeout: 150_000 }, () => {
  it('finishes a request already in flight, then exits 0', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jxc-shutdown-'));
    dirs.push(dir);
    const engine = await startEngine({ DATA_DIR: dir, ADMIN_PASSWORD: 'Shutdown-Test-Pass-1' });
    await waitForHealth(engine);

    const body = JSON.stringify({ username: 'admin', password: 'Shutdown-Test-Pass-1' });
    // Send the headers and half the body, so the request is in flight when SIGTERM lands.
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: engine.port,
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      req.on('socket', (socket) =>
        socket.on('connect', () => {
          // Give the server the partial body before the signal, then finish it.
          setTimeout(() => {
            engine.child.kill('SIGTERM');
            setTimeout(() => req.end(body.slice(10)), 300);
          }, 300);
        }),
      );
    });

    const { status, text } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toHaveProperty('token');
    expect(await engine.exited).toBe(0);
  });
});
