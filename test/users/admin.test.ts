import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('user administration', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/users', () => {
    it('creates a user with several roles who can then log in', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(admin),
        payload: { username: 'wang.fang', password: 'Warehouse#2026', roles: ['warehouse_keeper', 'purchaser'] },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        username: 'wang.fang',
        roles: ['warehouse_keeper', 'purchaser'],
        disabled: false,
        totpEnabled: false,
      });
      expect(res.json()).not.toHaveProperty('passwordHash');
      const session = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'wang.fang', password: 'Warehouse#2026' },
      });
      expect(session.json().user.roles).toEqual(['warehouse_keeper', 'purchaser']);
    });

    it('accepts a Chinese username', async () => {
      const user = await createUser(t.app, admin, {
        username: '张伟',
        password: 'Zhang-Sales-8812',
        roles: ['sales_clerk'],
      });
      expect(user.username).toBe('张伟');
      expect(await login(t.app, '张伟', 'Zhang-Sales-8812')).toEqual(expect.any(String));
    });

    it('refuses a taken username with 409 naming /username', async () => {
      await createUser(t.app, admin, { username: 'dup.user', password: 'Dup-Pass-55123', roles: [] });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(admin),
        payload: { username: 'dup.user', password: 'Dup-Pass-55124', roles: [] },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().errors).toEqual([{ path: '/username', message: '已被占用' }]);
    });

    it('refuses an unknown role with 422 naming the array item', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(admin),
        payload: { username: 'ghost', password: 'Moon-Pass-55123', roles: ['sales_clerk', 'astronaut'] },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        { path: '/roles/1', message: expect.stringContaining('角色「astronaut」不存在') },
      ]);
    });

    it('reports a weak password and an unknown role together', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(admin),
        payload: { username: 'ghost', password: 'short', roles: ['astronaut'] },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/password', '/roles/0']);
    });

    it('refuses a body with an operator object instead of a string', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: bearer(admin),
        payload: { username: { $ne: null }, password: 'Ghost-Pass-55123', roles: [] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('/username');
    });
  });

  describe('GET /api/users', () => {
    it('lists users with cursor pagination', async () => {
      for (let i = 0; i < 3; i++)
        await createUser(t.app, admin, { username: `page${i}`, password: `Paging-Pass-${i}0000`, roles: [] });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers: bearer(admin),
        });
        expect(res.statusCode).toBe(200);
        const body: { items: Array<{ username: string }>; nextCursor: string | null } = res.json();
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((u) => u.username));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expect.arrayContaining(['admin', 'page0', 'page1', 'page2']));
      expect(new Set(seen).size).toBe(seen.length);
    });
  });

  describe('roles and state', () => {
    it('sets roles, and the new roles apply to an existing token at once', async () => {
      const user = await createUser(t.app, admin, {
        username: 'li.na',
        password: 'Li-Na-Pass-9921',
        roles: ['sales_clerk'],
      });
      const token = await login(t.app, 'li.na', 'Li-Na-Pass-9921');
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/users/${user.id}/roles`,
        headers: bearer(admin),
        payload: { roles: ['sales_manager'] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().roles).toEqual(['sales_manager']);
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
      expect(me.json().roles).toEqual(['sales_manager']);
    });

    it('never leaves the system without an enabled admin', async () => {
      const self = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(admin) })).json();
      const disable = await t.app.inject({
        method: 'POST',
        url: `/api/users/${self.id}/disable`,
        headers: bearer(admin),
      });
      expect(disable.statusCode).toBe(422);
      expect(disable.json().detail).toContain('最后一个启用的管理员');
      const demote = await t.app.inject({
        method: 'PUT',
        url: `/api/users/${self.id}/roles`,
        headers: bearer(admin),
        payload: { roles: ['sales_clerk'] },
      });
      expect(demote.statusCode).toBe(422);
    });

    it('answers 404 for an unknown user id', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users/0123456789abcdef01234567/disable',
        headers: bearer(admin),
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('/api/roles', () => {
    it('lists the built-in roles with zh-CN and en labels', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/roles', headers: bearer(admin) });
      const keys = (res.json().items as Array<{ key: string }>).map((r) => r.key);
      expect(keys).toEqual(
        expect.arrayContaining([
          'admin',
          'sales_clerk',
          'sales_manager',
          'finance_manager',
          'purchaser',
          'purchase_manager',
          'warehouse_keeper',
        ]),
      );
      expect(res.json().items.find((r: { key: string }) => r.key === 'warehouse_keeper')).toMatchObject({
        label: { 'zh-CN': '仓管员', en: 'Warehouse keeper' },
        builtIn: true,
      });
    });

    it('lets an admin add a role that users can then hold', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/roles',
        headers: bearer(admin),
        payload: { key: 'optometrist', label: { 'zh-CN': '验光师', en: 'Optometrist' } },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        key: 'optometrist',
        label: { 'zh-CN': '验光师', en: 'Optometrist' },
        builtIn: false,
      });
      const user = await createUser(t.app, admin, {
        username: 'optician1',
        password: 'Lens-Pass-44821',
        roles: ['optometrist'],
      });
      expect(user.roles).toEqual(['optometrist']);
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/roles',
        headers: bearer(admin),
        payload: { key: 'optometrist' },
      });
      expect(again.statusCode).toBe(409);
    });
  });

  describe('access', () => {
    it('refuses a non-admin on every user admin route with 403', async () => {
      const clerk = await createUser(t.app, admin, {
        username: 'clerk.403',
        password: 'Clerk-Pass-40301',
        roles: ['sales_clerk', 'sales_manager'],
      });
      const token = await login(t.app, 'clerk.403', 'Clerk-Pass-40301');
      const calls = [
        {
          method: 'POST' as const,
          url: '/api/users',
          payload: { username: 'x1', password: 'Whatever-Pass-1', roles: [] },
        },
        { method: 'GET' as const, url: '/api/users' },
        { method: 'GET' as const, url: `/api/users/${clerk.id}` },
        { method: 'POST' as const, url: `/api/users/${clerk.id}/disable` },
        { method: 'POST' as const, url: `/api/users/${clerk.id}/enable` },
        { method: 'PUT' as const, url: `/api/users/${clerk.id}/roles`, payload: { roles: ['admin'] } },
        { method: 'POST' as const, url: `/api/users/${clerk.id}/password`, payload: { password: 'Takeover-Pass-1' } },
        { method: 'POST' as const, url: '/api/roles', payload: { key: 'sneaky' } },
        { method: 'GET' as const, url: '/api/audit' },
      ];
      for (const call of calls) {
        const res = await t.app.inject({ ...call, headers: bearer(token) });
        expect(res.statusCode, `${call.method} ${call.url}`).toBe(403);
        expect(res.json().detail).toContain('"admin"');
      }
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
      expect(me.json().roles).toEqual(['sales_clerk', 'sales_manager']);
    });

    it('refuses an anonymous caller with 401', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
    });
  });
});
