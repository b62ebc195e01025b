// Refusals that once carried only an English detail now come from the catalogue
// in the caller's language: an unknown definition or version, someone else's
// notification, a period that is not a month, an unknown webhook or route, and a
// request that breaks a route's own schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersInBoth, type BothRequest } from './both-languages';
import { localizeErrors, renderMessage, type MessageKey, type MessageParams } from '../../engine/messages/index';
import { backends } from '../support/backends';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';

describe.each(backends())('catalogued refusals on the $name store', (backend) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await buildTestApp({ mongoUri: backend.mongoUri });
    admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The same request in both languages: same status and code, each detail the catalogue's in its language. */
  const expectBoth = async (
    request: Omit<BothRequest, 'headers'>,
    status: number,
    key: MessageKey,
    params?: MessageParams,
  ) => {
    const { zh, en } = await answersInBoth(t.app, { ...request, headers: { authorization: `Bearer ${admin}` } });
    expect([zh.statusCode, en.statusCode]).toEqual([status, status]);
    expect(zh.json().code).toBe(en.json().code);
    expect(en.json().detail).toBe(renderMessage(key, 'en', params));
    expect(zh.json().detail).toBe(renderMessage(key, 'zh-CN', params));
    expect(zh.json().detail).toMatch(/[\u4e00-\u9fa5]/);
    return { zh: zh.json(), en: en.json() };
  };

  it('names an unknown definition, and a missing version of a known one', async () => {
    const unknown = await expectBoth(
      { method: 'GET', url: '/api/definitions/delivery_slot' },
      404,
      'NOT_FOUND.definition',
      {
        key: 'delivery_slot',
      },
    );
    expect(unknown.en.detail).toBe('No definition named "delivery_slot".');
    expect(unknown.zh).toMatchObject({ title: '未找到', detail: '没有名为「delivery_slot」的单据类型' });
    await expectBoth(
      { method: 'GET', url: '/api/definitions/customer?version=9999' },
      404,
      'NOT_FOUND.definition_version',
      { key: 'customer', version: 9999 },
    );
  });

  it('answers a notification that is not the caller’s', async () => {
    await expectBoth({ method: 'POST', url: '/api/notifications/no-such-notice/read' }, 404, 'NOT_FOUND.notification', {
      id: 'no-such-notice',
    });
  });

  it('refuses a period that is not a month, with the field error in the same language', async () => {
    const { zh, en } = await expectBoth(
      { method: 'POST', url: '/api/finance/periods/2026-1/close' },
      422,
      'VALIDATION_FAILED.period_not_a_month',
    );
    const field = [{ path: '/period', message: '', key: 'VALIDATION_FAILED.must_be_year_month' as const }];
    expect(en.errors).toEqual(localizeErrors(field, 'en'));
    expect(zh.errors).toEqual(localizeErrors(field, 'zh-CN'));
    expect(zh.errors[0].message).toBe('格式应为 YYYY-MM');
  });

  it('names an unknown webhook and an unknown route', async () => {
    await expectBoth({ method: 'DELETE', url: '/api/webhooks/no-such-hook' }, 404, 'NOT_FOUND.webhook', {
      id: 'no-such-hook',
    });
    await expectBoth({ method: 'GET', url: '/api/nothing-here?x=1' }, 404, 'NOT_FOUND.no_route', {
      method: 'GET',
      path: '/api/nothing-here',
    });
  });

  it("answers a request that breaks a route's own schema field by field, in the caller's language", async () => {
    const body = await answersInBoth(t.app, { method: 'POST', url: '/api/auth/login', payload: { password: 'x' } });
    expect([body.zh.statusCode, body.en.statusCode]).toEqual([400, 400]);
    expect(body.zh.json()).toMatchObject({
      code: 'BAD_REQUEST',
      detail: '请求内容无效：/username 缺少必填项',
      errors: [{ path: '/username', message: '缺少必填项' }],
    });
    expect(body.en.json()).toMatchObject({
      detail: 'Request body is invalid: /username is required',
      errors: [{ path: '/username', message: 'is required' }],
    });
    const query = await answersInBoth(t.app, {
      method: 'GET',
      url: '/api/notifications?limit=1000',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect([query.zh.statusCode, query.en.statusCode]).toEqual([400, 400]);
    expect(query.zh.json()).toMatchObject({
      code: 'INVALID_QUERY',
      errors: [{ path: '/querystring/limit', message: '必须 <= 100' }],
    });
    expect(query.en.json().errors).toEqual([{ path: '/querystring/limit', message: 'must be <= 100' }]);
  });
});
