import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ADMIN, type TestApp } from '../support/app';
import { fakeClock, type FakeClock } from '../support/clock';

interface Session {
  token: string;
  refreshToken: string;
  user: { id: string; username: string; roles: string[] };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('sessions', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = fakeClock();
    t = await buildTestApp({ auth: { now: clock.now } });
  });
  afterEach(async () => {
    await t.close();
  });

  const start = async (): Promise<Session> =>
    (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: TEST_ADMIN })).json<Session>();
  const refresh = (refreshToken: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });

  describe('POST /api/auth/refresh', () => {
    it('rotates: answers a new pair and the spent refresh token no longer works', async () => {
      const first = await start();
      clock.advance(20 * 60 * 1000);
      expect((await me(first.token)).statusCode).toBe(401);
      const res = await refresh(first.refreshToken);
      expect(res.statusCode).toBe(200);
      const second = res.json<Session>();
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.token).not.toBe(first.token);
      expect(second.user).toEqual(first.user);
      expect((await me(second.token)).statusCode).toBe(200);
      expect((await refresh(second.refreshToken)).statusCode).toBe(200);
    });

    it('stores refresh tokens only as hashes', async () => {
      const session = await start();
      const docs = await t.store.collection('refresh_tokens').find({});
      expect(docs).toHaveLength(1);
      expect(JSON.stringify(docs)).not.toContain(session.refreshToken);
    });

    it('treats a reused refresh token as stolen and ends the whole session', async () => {
      const first = await start();
      const second = (await refresh(first.refreshToken)).json<Session>();
      const replay = await refresh(first.refreshToken);
      expect(replay.statusCode).toBe(401);
      // The legitimate holder's newer token was in the same session: it is gone too.
      expect((await refresh(second.refreshToken)).statusCode).toBe(401);
    });

    it('refuses an unknown refresh token and an expired one', async () => {
      expect((await refresh('not-a-real-refresh-token')).statusCode).toBe(401);
      const session = await start();
      clock.advance(7 * 24 * 60 * 60 * 1000 + 1000);
      expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('revokes the access token at once and deletes the refresh token', async () => {
      const session = await start();
      const other = await start();
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(session.token) });
      expect(out.statusCode).toBe(204);
      const after = await me(session.token);
      expect(after.statusCode).toBe(401);
      expect(after.json().detail).toContain('已注销');
      expect((await refresh(session.refreshToken)).statusCode).toBe(401);
      // Another session of the same user is untouched.
      expect((await me(other.token)).statusCode).toBe(200);
      expect((await refresh(other.refreshToken)).statusCode).toBe(200);
    });

    it('needs a valid access token', async () => {
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
    });
  });
});
