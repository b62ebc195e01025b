import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('POST /api/users/:id/unlock', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ auth: { sleep: async () => undefined } });
  });
  afterEach(async () => {
    await t.close();
  });

  const attempt = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('lifts a username lockout at once, and audits who lifted it', async () => {
    const admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const clerk = await createUser(t.app, admin, {
      username: 'locked.clerk',
      password: 'Locked-Clerk-5521',
      roles: ['sales_clerk'],
    });
    for (let i = 0; i < 5; i++) expect((await attempt('locked.clerk', `wrong-guess-${i}`)).statusCode).toBe(401);
    expect((await attempt('locked.clerk', 'Locked-Clerk-5521')).statusCode).toBe(429);

    const unlocked = await t.app.inject({
      method: 'POST',
      url: `/api/users/${clerk.id}/unlock`,
      headers: bearer(admin),
    });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ id: clerk.id, username: 'locked.clerk' });
    expect((await attempt('locked.clerk', 'Locked-Clerk-5521')).statusCode).toBe(200);

    const audit = await t.app.inject({ method: 'GET', url: '/api/audit?action=user.unlocked', headers: bearer(admin) });
    expect(audit.json().items).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ username: 'admin' }), subject: 'locked.clerk' }),
    ]);
  });

  it('is for admins only, and answers 404 for an unknown user', async () => {
    const admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const clerk = await createUser(t.app, admin, {
      username: 'plain.clerk',
      password: 'Plain-Clerk-5522',
      roles: ['sales_clerk'],
    });
    const clerkToken = await login(t.app, 'plain.clerk', 'Plain-Clerk-5522');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/users/${clerk.id}/unlock`, headers: bearer(clerkToken) }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${clerk.id}/unlock` })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/users/0123456789abcdef01234567/unlock',
          headers: bearer(admin),
        })
      ).statusCode,
    ).toBe(404);
  });
});
