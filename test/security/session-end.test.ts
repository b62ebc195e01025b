// Finding 9: ending a session stops every access token it was given, not only
// its refresh tokens — after a reused refresh token, a logout, a password change
// or an administrator disabling the account — and a wrong current password on a
// password change counts toward the sign-in lockout like a wrong login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, TEST_ADMIN } from '../support/app';
import { backends } from '../support/backends';
import { serve, type Served } from './served';

interface Session {
  token: string;
  refreshToken: string;
}

for (const backend of backends()) {
  describe(`ending a session [${backend.name}]`, () => {
    let s: Served;
    let adminToken: string;
    let n = 0;
    beforeAll(async () => {
      s = await serve({ mongoUri: backend.mongoUri, auth: { sleep: async () => undefined } });
      adminToken = await login(s.t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    });
    afterAll(async () => {
      await s.close();
    });

    /** A fresh clerk, so lockout and sessions of one test do not touch another's. */
    async function clerk(): Promise<{ id: string; username: string; password: string }> {
      const username = `clerk.session${++n}`;
      const password = `Tq9-Session-${n}-Wx7#`;
      const created = await createUser(s.t.app, adminToken, { username, password, roles: ['sales_clerk'] });
      return { id: created.id, username, password };
    }
    const signIn = async (user: { username: string; password: string }): Promise<Session> => {
      const res = await s.call('POST', '/api/auth/login', {
        body: { username: user.username, password: user.password },
      });
      expect(res.status).toBe(200);
      return res.body;
    };
    const me = async (token: string) => (await s.call('GET', '/api/auth/me', { token })).status;
    const refresh = (refreshToken: string) => s.call('POST', '/api/auth/refresh', { body: { refreshToken } });

    it('refuses every access token of a session once a reused refresh token ended it', async () => {
      const user = await clerk();
      const first = await signIn(user);
      const second = (await refresh(first.refreshToken)).body as Session;
      expect(await me(second.token)).toBe(200);
      // The first refresh token comes back: it was copied, so the session ends.
      expect((await refresh(first.refreshToken)).status).toBe(401);
      expect(await me(first.token)).toBe(401);
      expect(await me(second.token)).toBe(401);
      // Another session of the same user goes on.
      expect(await me((await signIn(user)).token)).toBe(200);
    });

    it('stops the access tokens a session had before its last refresh on logout', async () => {
      const user = await clerk();
      const first = await signIn(user);
      const second = (await refresh(first.refreshToken)).body as Session;
      expect((await s.call('POST', '/api/auth/logout', { token: second.token })).status).toBe(204);
      expect(await me(first.token)).toBe(401);
      expect(await me(second.token)).toBe(401);
    });

    it('stops old access tokens after a password change and keeps them stopped', async () => {
      const user = await clerk();
      const session = await signIn(user);
      const changed = await s.call('POST', '/api/auth/password', {
        token: session.token,
        body: { currentPassword: user.password, newPassword: `${user.password}-new` },
      });
      expect(changed.status).toBe(204);
      expect(await me(session.token)).toBe(401);
      expect((await refresh(session.refreshToken)).status).toBe(401);
    });

    it('does not bring old access tokens back when a disabled account is enabled again', async () => {
      const user = await clerk();
      const session = await signIn(user);
      expect((await s.call('POST', `/api/users/${user.id}/disable`, { token: adminToken })).status).toBe(200);
      expect(await me(session.token)).toBe(401);
      expect((await s.call('POST', `/api/users/${user.id}/enable`, { token: adminToken })).status).toBe(200);
      expect(await me(session.token)).toBe(401);
      expect(await me((await signIn(user)).token)).toBe(200);
    });

    it('counts a wrong current password toward the lockout of the account from that address', async () => {
      const user = await clerk();
      const session = await signIn(user);
      for (let i = 0; i < 5; i++) {
        const wrong = await s.call('POST', '/api/auth/password', {
          token: session.token,
          body: { currentPassword: `not-the-password-${i}`, newPassword: 'Brand-New-Pass-2026' },
        });
        expect(wrong.status).toBe(422);
      }
      // Locked now: even the right current password is refused, and so is signing in from here.
      const right = await s.call('POST', '/api/auth/password', {
        token: session.token,
        body: { currentPassword: user.password, newPassword: 'Brand-New-Pass-2026' },
      });
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
      const signInNow = await s.call('POST', '/api/auth/login', {
        body: { username: user.username, password: user.password },
      });
      expect(signInNow.status).toBe(429);
      // The password did not change.
      const audit = await s.call('GET', `/api/audit?action=auth.password_change_failed&limit=50`, {
        token: adminToken,
      });
      expect(audit.status).toBe(200);
      expect(JSON.stringify(audit.body)).toContain(user.username);
    });
  });
}
