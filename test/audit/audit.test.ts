import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../engine/audit/service';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { fakeClock, type FakeClock } from '../support/clock';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Entry {
  id: string;
  action: string;
  at: string;
  actor: { id: string; username: string } | null;
  ip: string | null;
  subject: string | null;
  details: Record<string, unknown>;
}

describe('GET /api/audit', () => {
  let t: TestApp;
  let clock: FakeClock;
  let admin: string;
  const startedAt = '2026-03-02T08:00:00.000Z';

  beforeAll(async () => {
    clock = fakeClock(startedAt);
    t = await buildTestApp({ auth: { now: clock.now, sleep: async () => undefined } });
    admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);

    // One of every security event, an hour apart from the login above.
    clock.advance(60 * 60 * 1000);
    admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const clerk = await createUser(t.app, admin, {
      username: 'audit.clerk',
      password: 'Audit-Clerk-771',
      roles: ['sales_clerk'],
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/users/${clerk.id}/roles`,
      headers: bearer(admin),
      payload: { roles: ['purchaser'] },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/users/${clerk.id}/password`,
      headers: bearer(admin),
      payload: { password: 'Audit-Clerk-772' },
    });
    await t.app.inject({ method: 'POST', url: `/api/users/${clerk.id}/disable`, headers: bearer(admin) });
    await t.app.inject({ method: 'POST', url: `/api/users/${clerk.id}/enable`, headers: bearer(admin) });
    await t.app.inject({ method: 'POST', url: '/api/roles', headers: bearer(admin), payload: { key: 'auditor' } });
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'audit.clerk', password: `bad-guess-${i}-xyz` },
      });
    }
    const session = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: TEST_ADMIN })).json();
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(session.token) });
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: bearer(admin) })
    ).json();
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now().getTime() });
    await t.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: bearer(admin), payload: { code } });
    // What the definitions service records on publish.
    await recordAudit(t.store, {
      action: 'definition.published',
      actor: { id: 'x', username: 'admin' },
      subject: 'sales_order',
      details: { version: 2 },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (query = ''): Promise<{ items: Entry[]; nextCursor: string | null }> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: bearer(admin) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('shows each security event', async () => {
    const actions = new Set((await list('?limit=500')).items.map((e) => e.action));
    for (const action of [
      'auth.login',
      'auth.login_failed',
      'auth.lockout',
      'auth.logout',
      'user.created',
      'user.disabled',
      'user.enabled',
      'user.roles_changed',
      'user.password_reset',
      'auth.totp_enrolled',
      'role.created',
      'definition.published',
    ]) {
      expect(actions, action).toContain(action);
    }
  });

  it('records who did what to whom, from where', async () => {
    const [changed] = (await list('?action=user.roles_changed')).items;
    expect(changed).toMatchObject({
      action: 'user.roles_changed',
      actor: { username: 'admin' },
      subject: 'audit.clerk',
      ip: '127.0.0.1',
      details: { from: ['sales_clerk'], to: ['purchaser'] },
    });
    const [lockout] = (await list('?action=auth.lockout')).items;
    expect(lockout.subject).toBe('user:audit.clerk');
    const failures = (await list('?action=auth.login_failed')).items;
    expect(failures).toHaveLength(5);
    expect(JSON.stringify(failures)).not.toContain('bad-guess');
  });

  it('filters by action, actor and time', async () => {
    const created = (await list('?action=user.created')).items;
    expect(created.map((e) => e.subject)).toEqual(['audit.clerk']);
    const byAdmin = (await list('?actor=admin&limit=500')).items;
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.actor?.username === 'admin')).toBe(true);
    const byClerk = (await list('?actor=audit.clerk')).items;
    expect(byClerk.every((e) => e.actor?.username === 'audit.clerk')).toBe(true);
    const early = (await list(`?from=${startedAt}&to=2026-03-02T08:30:00.000Z`)).items;
    expect(early.map((e) => e.action)).toEqual(['auth.login']);
    const later = (await list('?from=2026-03-02T08:30:00.000Z&limit=500')).items;
    expect(later.some((e) => e.action === 'auth.login' && e.at === startedAt)).toBe(false);
  });

  it('pages newest first with a cursor', async () => {
    const all = (await list('?limit=500')).items;
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(all[0].action).toBe('definition.published');
  });

  it('refuses a query-string operator object and a bad date with 400', async () => {
    const operator = await t.app.inject({ method: 'GET', url: '/api/audit?action[$ne]=x', headers: bearer(admin) });
    expect(operator.statusCode).toBe(400);
    const badDate = await t.app.inject({ method: 'GET', url: '/api/audit?from=yesterday', headers: bearer(admin) });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].path).toBe('/querystring/from');
  });

  it('is for admins only', async () => {
    await createUser(t.app, admin, { username: 'nosy.clerk', password: 'Nosy-Clerk-4410', roles: ['sales_clerk'] });
    const clerk = await login(t.app, 'nosy.clerk', 'Nosy-Clerk-4410');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: bearer(clerk) })).statusCode).toBe(403);
  });
});
