// The security events test/audit/audit.test.ts does not cause through the API:
// each is produced here by the real route and must then show in GET /api/audit.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketDefinition } from '../documents/fixtures';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Entry {
  action: string;
  actor: { username: string } | null;
  subject: string | null;
  details: Record<string, unknown>;
}

describe('GET /api/audit, security events caused through the API', () => {
  let t: TestApp;
  let entries: Entry[];

  beforeAll(async () => {
    t = await buildTestApp({ auth: { sleep: async () => undefined } });
    const admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const post = (url: string, token: string, payload?: object) =>
      t.app.inject({ method: 'POST', url, headers: bearer(token), payload });

    const published = await t.app.inject({
      method: 'PUT',
      url: '/api/definitions/ticket',
      headers: bearer(admin),
      payload: ticketDefinition(),
    });
    expect(published.statusCode, published.body).toBe(201);

    const clerk = await createUser(t.app, admin, {
      username: 'events.clerk',
      password: 'Events-Clerk-3301',
      roles: ['sales_clerk'],
    });
    const clerkToken = await login(t.app, 'events.clerk', 'Events-Clerk-3301');
    expect(
      (
        await post('/api/auth/password', clerkToken, {
          currentPassword: 'Events-Clerk-3301',
          newPassword: 'Events-Clerk-3302',
        })
      ).statusCode,
    ).toBe(204);

    const session = (
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'events.clerk', password: 'Events-Clerk-3302' },
      })
    ).json();
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/refresh',
          payload: { refreshToken: session.refreshToken },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/refresh',
          payload: { refreshToken: session.refreshToken },
        })
      ).statusCode,
    ).toBe(401);

    for (let i = 0; i < 6; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'events.clerk', password: `wrong-guess-${i}` },
      });
    expect((await post(`/api/users/${clerk.id}/unlock`, admin)).statusCode).toBe(200);

    const clerkAgain = await login(t.app, 'events.clerk', 'Events-Clerk-3302');
    const { secret } = (await post('/api/auth/totp/enrol', clerkAgain)).json();
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    expect((await post('/api/auth/totp/verify', clerkAgain, { code })).statusCode).toBe(200);
    expect((await post(`/api/users/${clerk.id}/totp/reset`, admin)).statusCode).toBe(200);

    const res = await t.app.inject({ method: 'GET', url: '/api/audit?limit=500', headers: bearer(admin) });
    entries = res.json().items;
  });
  afterAll(async () => {
    await t.close();
  });

  const one = (action: string): Entry => {
    const found = entries.filter((e) => e.action === action);
    expect(found.length, `${action} in ${entries.map((e) => e.action).join(', ')}`).toBeGreaterThan(0);
    return found[0];
  };

  it('records a definition publish with who, what and which version', () => {
    expect(one('definition.published')).toMatchObject({
      actor: { username: 'admin' },
      subject: 'definition:ticket@1',
      details: { key: 'ticket', version: 1, previousVersion: null, source: 'api' },
    });
  });

  it('records a password change by the user', () => {
    expect(one('user.password_changed')).toMatchObject({
      actor: { username: 'events.clerk' },
      subject: 'events.clerk',
    });
  });

  it('records a reused refresh token', () => {
    expect(one('auth.refresh_reused')).toMatchObject({ actor: { username: 'events.clerk' } });
  });

  it('records a lockout, the blocked attempt and the admin unlock', () => {
    expect(one('auth.lockout').subject).toBe('user:events.clerk');
    expect(one('auth.login_blocked')).toMatchObject({
      subject: 'events.clerk',
      // Locks are per username and address (a guesser elsewhere cannot lock the account out).
      details: { lock: 'user:events.clerk@127.0.0.1' },
    });
    expect(one('user.unlocked')).toMatchObject({ actor: { username: 'admin' }, subject: 'events.clerk' });
  });

  it('records a second factor enrolled and reset', () => {
    expect(one('auth.totp_enrolled').subject).toBe('events.clerk');
    expect(one('user.totp_reset')).toMatchObject({ actor: { username: 'admin' }, subject: 'events.clerk' });
  });
});
