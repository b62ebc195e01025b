// A test engine listening on a port, for the security suites that speak plain
// HTTP without the approvals harness (sessions, rate limits, TOTP at rest).
import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp, type TestAppOptions } from '../support/app';

export interface Served {
  t: TestApp;
  base: string;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function serve(options: TestAppOptions): Promise<Served> {
  const t = await buildTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  return {
    t,
    base,
    async call(method, path, { token, body } = {}) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
    close: () => t.close(),
  };
}
