// The access family (sign-in, tokens, roles, users, audit) answers in the
// caller's language from the catalogue (engine/messages/catalogue/access.ts):
// the same refusal in zh-CN (the default) and en, same code, status and paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersInBoth } from './both-languages';
import { renderMessage } from '../../engine/messages/index';
import { backends } from '../support/backends';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

describe.each(backends())('access messages on the $name store', (backend) => {
  let t: TestApp;
  let admin: string;
  let clerk: string;
  let adminId: string;

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    await createUser(t.app, admin, { username: 'clerk.lang', password: 'Lang-Clerk#2026x', roles: ['sales_clerk'] });
    clerk = await login(t.app, 'clerk.lang', 'Lang-Clerk#2026x');
    adminId = (
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${admin}` } })
    ).json().id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const both = async (request: { method: 'GET' | 'POST'; url: string; token?: string; payload?: object }) => {
    const { zh, en } = await answersInBoth(t.app, {
      ...request,
      headers: request.token ? { authorization: `Bearer ${request.token}` } : {},
    });
    expect(zh.statusCode).toBe(en.statusCode);
    expect(zh.json().code).toBe(en.json().code);
    return { status: zh.statusCode, zh: zh.json().detail as string, en: en.json().detail as string };
  };

  it('refuses a request without a token in the caller’s language', async () => {
    const res = await both({ method: 'GET', url: '/api/auth/me' });
    expect(res).toEqual({
      status: 401,
      zh: renderMessage('UNAUTHORIZED.bearer_missing', 'zh-CN'),
      en: renderMessage('UNAUTHORIZED.bearer_missing', 'en'),
    });
    expect(res.zh).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses a wrong password the same way in both languages', async () => {
    const res = await both({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk.lang', password: 'not-the-password-1' },
    });
    expect(res).toEqual({ status: 401, zh: '用户名或密码错误。', en: 'Wrong username or password.' });
  });

  it('names the role a clerk lacks, joined the language’s way', async () => {
    const res = await both({ method: 'GET', url: '/api/users', token: clerk });
    expect(res.status).toBe(403);
    expect(res.zh).toBe('此操作需要角色 "admin"；您的角色："sales_clerk"。');
    expect(res.en).toBe('This needs the role "admin"; you have "sales_clerk".');
  });

  it('answers an unknown user and the last admin’s disabling in both languages, changing nothing', async () => {
    const missing = await both({ method: 'GET', url: '/api/users/000000000000000000000000', token: admin });
    expect(missing).toEqual({
      status: 404,
      zh: '用户 000000000000000000000000 不存在。',
      en: 'No user with id 000000000000000000000000.',
    });
    const last = await both({ method: 'POST', url: `/api/users/${adminId}/disable`, token: admin });
    expect(last).toEqual({
      status: 422,
      zh: '无法停用此用户：这是最后一个启用的管理员。',
      en: 'Cannot disable this user: it is the last enabled admin.',
    });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(me.statusCode).toBe(200);
  });
});
