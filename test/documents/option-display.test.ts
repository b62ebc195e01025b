import { expect, it } from 'vitest';
import { describeApi } from './harness';

describeApi('display values of labelled options', (h) => {
  it("gives a customer's credit level as its label in zh-CN by default and in en on request, data unchanged", async () => {
    const url = `/api/documents/customer/${h().customer.id}`;
    const zh = (await h().clerk.req('GET', url)).json<{ data: Record<string, unknown>; display: object }>();
    expect(zh.data.creditLevel).toBe('A');
    expect(zh.display).toMatchObject({ creditLevel: 'A 级（优良）' });
    const en = (await h().clerk.req('GET', url, undefined, { 'accept-language': 'en' })).json<{
      data: Record<string, unknown>;
      display: object;
    }>();
    expect(en.data).toEqual(zh.data);
    expect(en.display).toMatchObject({ creditLevel: 'A (good)' });
  });

  it('labels each list item in the caller language', async () => {
    const res = await h().clerk.req('GET', '/api/documents/customer?limit=50', undefined, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { id: string; data: { creditLevel: string }; display: object }[] }>().items;
    const a = items.find((i) => i.id === h().customer.id);
    const c = items.find((i) => i.id === h().customerC.id);
    expect(a?.data.creditLevel).toBe('A');
    expect(a?.display).toMatchObject({ creditLevel: 'A (good)' });
    expect(c?.data.creditLevel).toBe('C');
    expect(c?.display).toHaveProperty('creditLevel');
    expect(c?.display).not.toMatchObject({ creditLevel: 'A (good)' });
  });
});
