import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { fakeClock, type FakeClock } from '../support/clock';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('POST /api/auth/login', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = fakeClock();
    t = await buildTestApp({ auth: { now: clock.now, sleep: async () => undefined } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers a token, a refresh token and the user', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: TEST_ADMIN });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token.split('.')).toHaveLength(3);
    expect(body.refreshToken).toEqual(expect.any(String));
    expect(body.expiresIn).toBe(900);
    expect(body.user).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), username: 'admin', roles: ['admin'] });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'admin', roles: ['admin'], disabled: false, totpEnabled: false });
    expect(me.json()).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password with 401 problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'wrong-password-123' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'UNAUTHORIZED', detail: '用户名或密码错误。' });
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'wrong-password-123' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('用户名或密码错误。');
  });

  it('refuses a missing password with 400 naming /password', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: '/password' })]);
  });
});

describe('app.authenticate', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = fakeClock();
    t = await buildTestApp({ auth: { now: clock.now, sleep: async () => undefined } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses a request without a token with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain('Authorization: Bearer');
  });

  it('refuses a tampered token with 401', async () => {
    const token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, roles: ['admin', 'finance_manager'], username: 'someone' }),
    ).toString('base64url');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: bearer(`${header}.${forged}.${signature}`),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('访问令牌无效。');
    const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(flipped) })).statusCode).toBe(401);
  });

  it('refuses a token signed with another secret with 401', async () => {
    const other = await buildTestApp({ env: { JWT_SECRET: 'x'.repeat(40) } });
    try {
      const foreign = await login(other.app, TEST_ADMIN.username, TEST_ADMIN.password);
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(foreign) });
      expect(res.statusCode).toBe(401);
      // With JWT_SECRET configured nothing is generated.
      expect(await other.store.collection('settings').findById('jwt_secret')).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('refuses an expired token with 401 after 15 minutes', async () => {
    const token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    clock.advance(14 * 60 * 1000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    clock.advance(60 * 1000 + 1000);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain('已过期');
  });

  it('generates the JWT secret once and keeps it in the store when JWT_SECRET is unset', async () => {
    const token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const setting = await t.store.collection('settings').findById('jwt_secret');
    expect(setting?.value).toEqual(expect.any(String));
    expect(String(setting?.value).length).toBeGreaterThanOrEqual(32);
    const { resolveJwtSecret } = await import('../../engine/auth/jwt-secret');
    expect(await resolveJwtSecret(t.store, undefined)).toBe(setting?.value);
    expect(token).not.toContain(String(setting?.value));
  });
});

describe('disabled users', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ auth: { sleep: async () => undefined } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('cannot log in, and their existing token stops working (401)', async () => {
    const adminToken = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const clerk = await createUser(t.app, adminToken, {
      username: 'clerk1',
      password: 'Clerk-Pass-9931',
      roles: ['sales_clerk'],
    });
    const clerkToken = await login(t.app, 'clerk1', 'Clerk-Pass-9931');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(clerkToken) })).statusCode).toBe(
      200,
    );

    const disabled = await t.app.inject({
      method: 'POST',
      url: `/api/users/${clerk.id}/disable`,
      headers: bearer(adminToken),
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);

    const existing = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(clerkToken) });
    expect(existing.statusCode).toBe(401);
    expect(existing.json().detail).toBe('该账号已停用。');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk1', password: 'Clerk-Pass-9931' },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().detail).toContain('已停用');

    await t.app.inject({ method: 'POST', url: `/api/users/${clerk.id}/enable`, headers: bearer(adminToken) });
    expect(await login(t.app, 'clerk1', 'Clerk-Pass-9931')).toEqual(expect.any(String));
  });

  it('a password reset ends the sessions the user had', async () => {
    const adminToken = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const clerk = await createUser(t.app, adminToken, {
      username: 'clerk2',
      password: 'Clerk-Pass-9932',
      roles: ['sales_clerk'],
    });
    const session = (
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'clerk2', password: 'Clerk-Pass-9932' },
      })
    ).json();
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${clerk.id}/password`,
      headers: bearer(adminToken),
      payload: { password: 'Fresh-Pass-77410' },
    });
    expect(reset.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(session.token) })).statusCode,
    ).toBe(401);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'clerk2', password: 'Clerk-Pass-9932' },
        })
      ).statusCode,
    ).toBe(401);
    expect(await login(t.app, 'clerk2', 'Fresh-Pass-77410')).toEqual(expect.any(String));
  });
});
