// A refused new user's detail names each bad field by its label in the caller's
// language, with that field's own message — on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';
import { backends } from '../support/backends';

for (const backend of backends()) {
  describe(`a refused user, named by field labels [${backend.name}]`, () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await buildTestApp({ mongoUri: backend.mongoUri });
      admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    const create = (language: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { authorization: `Bearer ${admin}`, 'accept-language': language },
        payload: { username: 'wu.lan', password: 'Ab3$xyz9', roles: ['sales_clerk', 'night_shift'] },
      });

    it('in zh-CN: 「密码」 and 「角色」 with their reasons, no field paths', async () => {
      const res = await create('zh-CN');
      expect(res.statusCode).toBe(422);
      expect(res.json().detail).toBe(
        '用户信息无效：「密码」至少 10 个字符；「角色」角色「night_shift」不存在，请先创建。',
      );
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/password', '/roles/1']);
    });

    it('in en: Password and Roles with their reasons', async () => {
      const res = await create('en');
      expect(res.statusCode).toBe(422);
      expect(res.json().detail).toBe(
        'User refused: Password: must be at least 10 characters long; ' +
          'Roles: unknown role "night_shift"; create it with POST /api/roles first.',
      );
    });
  });
}
