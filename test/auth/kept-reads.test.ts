// Authentication reads the caller's account and the revocation list on every
// request. On the embedded store both are kept between requests until their
// collection is next written; these cases use a token that has already been
// checked (so whatever is kept holds it) and then change the account or end the
// session: the very next request must see the change, on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { backends } from '../support/backends';

const PASSWORD = 'Jade-River-Pass-2026';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(backends())('authentication on the $name store', ({ mongoUri }) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp({ mongoUri });
    admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
  });

  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
  const asAdmin = (method: 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(admin), payload });

  async function checkedUser(username: string): Promise<{ id: string; token: string }> {
    const password = PASSWORD;
    const user = await createUser(t.app, admin, { username, password, roles: ['sales_clerk'] });
    const token = await login(t.app, username, password);
    expect((await me(token)).json().roles).toEqual(['sales_clerk']);
    return { id: user.id, token };
  }

  it('refuses a checked token on the next request once its account is disabled', async () => {
    const { id, token } = await checkedUser('kept.disable');
    expect((await asAdmin('POST', `/api/users/${id}/disable`)).statusCode).toBe(200);
    const refused = await me(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('UNAUTHORIZED');
  });

  it('applies a role change to a checked token on the next request', async () => {
    const { id, token } = await checkedUser('kept.roles');
    const users = () => t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) });
    expect((await users()).statusCode).toBe(403);
    expect((await asAdmin('PUT', `/api/users/${id}/roles`, { roles: ['admin'] })).statusCode).toBe(200);
    expect((await users()).statusCode).toBe(200);
  });

  it('refuses a checked token after a password reset', async () => {
    const { id, token } = await checkedUser('kept.reset');
    const reset = await asAdmin('POST', `/api/users/${id}/password`, { password: 'Kept-Reset-Pass-2026' });
    expect(reset.statusCode).toBeLessThan(300);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('refuses a checked token once its session is logged out, and keeps other sessions working', async () => {
    const { token } = await checkedUser('kept.logout');
    const other = await login(t.app, 'kept.logout', PASSWORD);
    expect((await me(other)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token), payload: {} });
    expect(out.statusCode).toBeLessThan(300);
    expect((await me(token)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200);
  });
});
