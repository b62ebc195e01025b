// A duplicate value for a unique field is refused with 409 on that field, naming
// the document that already has it, in the caller's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';

describe('documents: duplicate unique field', () => {
  let t: TestApp;
  let token: string;
  const create = (data: Record<string, unknown>, lang: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/documents/customer',
      headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
      payload: { data },
    });

  beforeAll(async () => {
    t = await buildTestApp();
    token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await create({ code: 'C0001', name: '杭州西湖茶叶店' }, 'zh-CN')).statusCode).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('names the field and the existing customer in Chinese', async () => {
    const res = await create({ code: 'C0001', name: '另一家店' }, 'zh-CN,zh;q=0.9');
    expect(res.statusCode).toBe(409);
    const body = res.json<{
      code: string;
      field: string;
      errors: Array<{ path: string; message: string }>;
      existing: { label: string };
    }>();
    expect(body.code).toBe('DUPLICATE_KEY');
    expect(body.field).toBe('code');
    expect(body.errors).toEqual([{ path: '/code', message: '客户编码 C0001 已被 杭州西湖茶叶店 使用' }]);
    expect(body.existing.label).toBe('杭州西湖茶叶店');
  });

  it('answers in English when asked', async () => {
    const res = await create({ code: 'C0001', name: 'Another shop' }, 'en');
    expect(res.statusCode).toBe(409);
    expect(res.json<{ errors: Array<{ message: string }> }>().errors[0].message).toBe(
      'Customer code C0001 is already used by 杭州西湖茶叶店',
    );
  });

  it('creates nothing', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/documents/customer?code=C0001',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
  });
});
