// Finding 6: failed logins lock the username only from the address they came
// from; the rightful user signing in from elsewhere gets in, while every attempt
// on the username, from any address, is slowed down more than the one before.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ADMIN, type TestApp } from '../support/app';
import { backends } from '../support/backends';

/** A login over real HTTP from a chosen loopback address (Linux answers on all of 127/8). */
function loginFrom(
  port: number,
  from: string,
  username: string,
  password: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password });
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/api/auth/login',
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

for (const backend of backends()) {
  describe(`login lockout per username and address [${backend.name}]`, () => {
    let t: TestApp;
    let port: number;
    const delays: number[] = [];
    beforeAll(async () => {
      t = await buildTestApp({ mongoUri: backend.mongoUri, auth: { sleep: async (ms) => void delays.push(ms) } });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await t.close();
    });

    it('locks admin only from the guessing address; the right password from another address signs in', async () => {
      for (let i = 0; i < 5; i++) expect((await loginFrom(port, '127.0.0.2', 'admin', `wrong-${i}`)).status).toBe(401);
      const blocked = await loginFrom(port, '127.0.0.2', 'admin', TEST_ADMIN.password);
      expect(blocked.status).toBe(429);
      const rightful = await loginFrom(port, '127.0.0.3', 'admin', TEST_ADMIN.password);
      expect(rightful.status).toBe(200);
      expect(rightful.body.token).toEqual(expect.any(String));
    });

    it('slows the username down from every address', async () => {
      delays.length = 0;
      for (const from of ['127.0.0.4', '127.0.0.5', '127.0.0.6'])
        expect((await loginFrom(port, from, 'someone', 'wrong')).status).toBe(401);
      expect(delays).toHaveLength(3);
      expect(delays[1]).toBeGreaterThan(delays[0]);
      expect(delays[2]).toBeGreaterThan(delays[1]);
    });
  });
}
