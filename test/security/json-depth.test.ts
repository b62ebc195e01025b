// Finding 8: a JSON body nested thousands of levels deep is a 400 problem on
// create, PATCH, explain and definition PUT, never a 500 from a stack overflow.
import { expect, it } from 'vitest';
import { createDoc, describeApprovals, order } from '../approvals/harness';
import { login, TEST_ADMIN } from '../support/app';

const deep = (levels: number): string => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

describeApprovals('JSON nesting depth', (h) => {
  let adminToken = '';
  const send = async (method: string, path: string, raw: string) => {
    const res = await fetch(`${h().baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: raw,
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };

  it('refuses 3,000 levels with 400 problem+json on create, PATCH, explain and definition PUT', async () => {
    adminToken = await login(h().t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const doc = await createDoc(h().admin, 'sales_order', order(h(), 1, 100).data);
    const nested = deep(3000);
    const cases: Array<[string, string, string]> = [
      ['POST', '/api/documents/sales_order', `{"data":{"remark":${nested}}}`],
      ['PATCH', `/api/documents/sales_order/${doc.id}`, `{"version":${doc.version},"data":{"remark":${nested}}}`],
      ['POST', '/api/approvals/explain', `{"type":"sales_order","transition":"submit","data":{"x":${nested}}}`],
      ['PUT', '/api/definitions/sales_order', `{"key":"sales_order","schema":${nested}}`],
    ];
    for (const [method, path, raw] of cases) {
      const res = await send(method, path, raw);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.type).toContain('application/problem+json');
    }
    const after = await h().admin.call('GET', `/api/documents/sales_order/${doc.id}`);
    expect(after.body.version).toBe(doc.version);
  });

  it('still takes ordinary nesting (a definition is published)', async () => {
    const res = await h().admin.call('POST', '/api/approvals/explain', {
      type: 'sales_order',
      transition: 'submit',
      data: order(h(), 1, 100).data,
    });
    expect(res.status).toBe(200);
  });
});
