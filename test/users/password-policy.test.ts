import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '../../engine/credentials/password-policy';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('password policy', () => {
  describe('passwordProblems', () => {
    it('accepts a long password unrelated to the username', () => {
      expect(passwordProblems('Tea-Leaf-Harbour-42', 'zhao')).toEqual([]);
    });
    it('counts characters, not bytes, so a Chinese passphrase of 10 characters passes', () => {
      expect(passwordProblems('春眠不觉晓处处闻啼鸟夜', 'zhao')).toEqual([]);
    });
  });

  describe('on the API', () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await buildTestApp();
      admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    });
    afterAll(async () => {
      await t.close();
    });

    const create = (username: string, password: string, language = 'zh-CN') =>
      t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { ...bearer(admin), 'accept-language': language },
        payload: { username, password, roles: [] },
      });

    it('refuses a password shorter than 10 characters, naming /password', async () => {
      const res = await create('short.pw', 'Ab3$xyz9', 'en');
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([{ path: '/password', message: 'must be at least 10 characters long' }]);
      expect(res.json().detail).toContain('at least 10 characters');
      const zh = await create('short.pw', 'Ab3$xyz9');
      expect(zh.json().detail).toBe('用户信息无效：「密码」至少 10 个字符。');
    });

    it('refuses a password that contains the username, in any case', async () => {
      const res = await create('chen', 'MyNameIsCHEN-2026');
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([{ path: '/password', message: '不能包含用户名' }]);
      const en = await create('chen', 'MyNameIsCHEN-2026', 'en');
      expect(en.json().errors).toEqual([{ path: '/password', message: 'must not contain the username' }]);
    });

    it('refuses a common password', async () => {
      const res = await create('zhou', 'Password123');
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([{ path: '/password', message: expect.stringContaining('最常见的密码') }]);
    });

    it("applies to an admin reset and to changing one's own password", async () => {
      const user = await createUser(t.app, admin, { username: 'mei.ling', password: 'Plum-Original-31', roles: [] });
      const reset = await t.app.inject({
        method: 'POST',
        url: `/api/users/${user.id}/password`,
        headers: bearer(admin),
        payload: { password: 'qwertyuiop' },
      });
      expect(reset.statusCode).toBe(422);
      expect(reset.json().errors[0].path).toBe('/password');

      const own = await login(t.app, 'mei.ling', 'Plum-Original-31');
      const change = (body: object) =>
        t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(own), payload: body });
      const weak = await change({ currentPassword: 'Plum-Original-31', newPassword: 'short' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().errors[0].path).toBe('/newPassword');
      const wrongCurrent = await change({ currentPassword: 'not-my-password', newPassword: 'Plum-Changed-Pass-77' });
      expect(wrongCurrent.statusCode).toBe(422);
      expect(wrongCurrent.json().errors[0].path).toBe('/currentPassword');
      expect(
        (await change({ currentPassword: 'Plum-Original-31', newPassword: 'Plum-Changed-Pass-77' })).statusCode,
      ).toBe(204);
      expect(await login(t.app, 'mei.ling', 'Plum-Changed-Pass-77')).toEqual(expect.any(String));
    });
  });
});
