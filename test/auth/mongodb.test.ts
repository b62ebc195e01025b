// The auth flows whose store operations go beyond plain inserts (dotted-path
// updates, guarded $inc, upserts, $or filters, string-id cursors), run on the
// MongoDB adapter against FerretDB (or MONGODB_URI). The other auth suites run on
// the embedded store.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { fakeClock } from '../support/clock';
import { mongoUri, requireService } from '../support/services';

const uri = mongoUri();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.runIf(requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', uri))(
  'auth on the mongodb store',
  () => {
    const clock = fakeClock();
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await buildTestApp({ mongoUri: uri as string, auth: { now: clock.now, sleep: async () => undefined } });
      admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('keeps the JWT secret, seeds the roles and refuses a duplicate username', async () => {
      expect(await t.store.collection('settings').findById('jwt_secret')).not.toBeNull();
      const roles = (await t.app.inject({ method: 'GET', url: '/api/roles', headers: bearer(admin) })).json().items;
      expect(roles).toHaveLength(7);
      await createUser(t.app, admin, { username: 'mongo.clerk', password: 'Mongo-Clerk-1234', roles: ['sales_clerk'] });
      const dup = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(admin),
        payload: { username: 'mongo.clerk', password: 'Mongo-Clerk-1235', roles: [] },
      });
      expect(dup.statusCode).toBe(409);
    });

    it('rotates refresh tokens and ends the session on reuse; logout revokes', async () => {
      const first = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: TEST_ADMIN })).json();
      const second = await t.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        payload: { refreshToken: first.refreshToken },
      });
      expect(second.statusCode).toBe(200);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/refresh',
            payload: { refreshToken: first.refreshToken },
          })
        ).statusCode,
      ).toBe(401);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/refresh',
            payload: { refreshToken: second.json().refreshToken },
          })
        ).statusCode,
      ).toBe(401);
      // The reuse ended the session: its access tokens stop too (issue 10, finding 9).
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(second.json().token) })).statusCode,
      ).toBe(401);
      const fresh = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: TEST_ADMIN })).json();
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(fresh.token) });
      expect(out.statusCode).toBe(204);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(fresh.token) })).statusCode,
      ).toBe(401);
    });

    it('locks a username after 5 failures and lifts the lock after the window', async () => {
      const attempt = (password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'mongo.clerk', password },
          remoteAddress: '10.1.1.1',
        });
      for (let i = 0; i < 5; i++) expect((await attempt(`bad-guess-${i}-xyz`)).statusCode).toBe(401);
      expect((await attempt('Mongo-Clerk-1234')).statusCode).toBe(429);
      clock.advance(15 * 60 * 1000);
      expect((await attempt('Mongo-Clerk-1234')).statusCode).toBe(200);
      admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    });

    it('TOTP: codes are single-step, recovery codes single-use', async () => {
      await createUser(t.app, admin, { username: 'mongo.totp', password: 'Mongo-Totp-1234', roles: [] });
      const token = await login(t.app, 'mongo.totp', 'Mongo-Totp-1234');
      const { secret } = (
        await t.app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: bearer(token) })
      ).json();
      const code = () => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now().getTime() });
      const verified = await t.app.inject({
        method: 'POST',
        url: '/api/auth/totp/verify',
        headers: bearer(token),
        payload: { code: code() },
      });
      expect(verified.statusCode).toBe(200);
      const loginWith = (extra: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'mongo.totp', password: 'Mongo-Totp-1234', ...extra },
        });
      expect((await loginWith({ totp: code() })).statusCode).toBe(401);
      clock.advance(30_000);
      expect((await loginWith({ totp: code() })).statusCode).toBe(200);
      const [recovery] = verified.json().recoveryCodes;
      expect((await loginWith({ recoveryCode: recovery })).statusCode).toBe(200);
      expect((await loginWith({ recoveryCode: recovery })).statusCode).toBe(401);
    });

    it('filters and pages the audit trail', async () => {
      const failed = (
        await t.app.inject({
          method: 'GET',
          url: '/api/audit?action=auth.login_failed&actor=mongo.clerk&limit=2',
          headers: bearer(admin),
        })
      ).json();
      expect(failed.items).toHaveLength(2);
      expect(failed.nextCursor).toEqual(expect.any(String));
      const rest = (
        await t.app.inject({
          method: 'GET',
          url: `/api/audit?action=auth.login_failed&actor=mongo.clerk&cursor=${failed.nextCursor}`,
          headers: bearer(admin),
        })
      ).json();
      expect(rest.items).toHaveLength(3);
      expect(new Set([...failed.items, ...rest.items].map((e: { id: string }) => e.id)).size).toBe(5);
    });
  },
);
