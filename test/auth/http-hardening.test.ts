// Real HTTP (listen on port 0, fetch): headers, CORS, rate limits and error bodies
// are what a browser or proxy sees, so they are checked on the wire.
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../engine/app';
import { loadConfig } from '../../engine/config';
import { buildTestApp, TEST_ADMIN, type TestApp, type TestAppOptions } from '../support/app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function serve(options: TestAppOptions = {}): Promise<string> {
  t = await buildTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('security headers', () => {
  it('sends helmet headers on answers, on errors and on unknown URLs, and no x-powered-by', async () => {
    const base = await serve();
    const answers = [
      await fetch(`${base}/health`),
      await fetch(`${base}/api/users`),
      await fetch(`${base}/no-such-page`),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 401, 404]);
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      // Plain HTTP: HSTS only when PUBLIC_TLS says clients come over HTTPS (test/security/http-headers.test.ts).
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('CORS', () => {
  it('is off by default: no Access-Control-Allow-Origin, preflight not answered', async () => {
    const base = await serve();
    const res = await fetch(`${base}/health`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${base}/api/auth/login`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only the configured origins', async () => {
    const base = await serve({ env: { CORS_ORIGINS: 'https://shop.example, https://hq.example' } });
    const allowed = await fetch(`${base}/health`, { headers: { origin: 'https://hq.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://hq.example');
    const preflight = await fetch(`${base}/api/auth/login`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await fetch(`${base}/health`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limits', () => {
  it('are on by default: the 11th login in a minute from one IP gets 429 problem+json', async () => {
    const base = await serve({ rateLimits: {}, auth: { sleep: async () => undefined } });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await postJson(`${base}/api/auth/login`, { username: `u${i}`, password: 'whatever-pass' })).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await postJson(`${base}/api/auth/login`, TEST_ADMIN);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('limit every route globally when configured tightly', async () => {
    const base = await serve({ rateLimits: { global: { max: 3, timeWindowMs: 60_000 } } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${base}/health`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('share the auth budget across login and refresh', async () => {
    const base = await serve({ rateLimits: { auth: { max: 2, timeWindowMs: 60_000 } } });
    expect((await postJson(`${base}/api/auth/login`, TEST_ADMIN)).status).toBe(200);
    expect((await postJson(`${base}/api/auth/refresh`, { refreshToken: 'nope' })).status).toBe(401);
    expect((await postJson(`${base}/api/auth/refresh`, { refreshToken: 'nope' })).status).toBe(429);
  });
});

describe('error bodies', () => {
  it('never carry a stack trace or the internal message of a 500', async () => {
    const base = await serve({
      beforeReady: (app) => {
        app.get('/test/boom', async () => {
          throw new Error('secret detail: cannot open /srv/erp/private.key');
        });
      },
    });
    const res = await fetch(`${base}/test/boom`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(text).not.toContain('secret detail');
    expect(text).not.toContain('private.key');
    expect(text).not.toMatch(/stack|\bat .*\.ts:\d+/);
    expect(JSON.parse(text)).toMatchObject({
      status: 500,
      code: 'INTERNAL',
      detail: expect.stringContaining(res.headers.get('x-request-id') ?? '??'),
    });
  });

  it('refuse a body over the configured limit with 413', async () => {
    const base = await serve({ env: { BODY_LIMIT: '2048' } });
    const res = await postJson(`${base}/api/auth/login`, { username: 'admin', password: 'x'.repeat(4096) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('logs', () => {
  it('never contain passwords, access tokens or refresh tokens, even at trace level', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const base = await serve({
      logger: { ...(loggerOptions(loadConfig({ LOG_LEVEL: 'trace' })) as object), stream },
      auth: { sleep: async () => undefined },
    });
    await postJson(`${base}/api/auth/login`, { username: 'admin', password: 'Wrong-Password-Logged?' });
    const session = await (await postJson(`${base}/api/auth/login`, TEST_ADMIN)).json();
    await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${session.token}` } });
    await fetch(`${base}/api/users`, { headers: { authorization: `Bearer ${session.token}x` } });
    const renewed = await (await postJson(`${base}/api/auth/refresh`, { refreshToken: session.refreshToken })).json();
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [
      TEST_ADMIN.password,
      'Wrong-Password-Logged?',
      session.token,
      session.refreshToken,
      renewed.token,
      renewed.refreshToken,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
