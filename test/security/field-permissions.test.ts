// Field-level write permissions: a role's `readOnlyFields` are refused (403
// naming the field, nothing stored) on create, PATCH, change requests and import;
// a sales clerk creates customers but does not set their credit limit or level.
import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApprovals, order, publishVariant, submitOrder } from '../approvals/harness';
import { workbook } from '../spreadsheets/http';

describeApprovals('field-level write permissions', (h) => {
  beforeAll(async () => {
    // A sales order whose clerks may not choose the payment terms (the default applies).
    await publishVariant(h(), 'sales_order_terms', (def) => {
      def.permissions.sales_clerk.readOnlyFields = ['paymentTerms'];
      def.title = { 'zh-CN': '销售订单（固定付款条件）', en: 'Sales order (fixed terms)' };
    });
  });

  it("refuses a clerk's new customer with a credit limit or level, naming the fields, and stores nothing", async () => {
    const res = await h().clerk.call('POST', '/api/documents/customer', {
      data: { code: 'FP-1', name: '越权客户', creditLimit: 9_000_000, creditLevel: 'A' },
    });
    expect(res.status).toBe(403);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/creditLevel', '/creditLimit']);
    const listed = await h().admin.call('GET', '/api/documents/customer?q=FP-1');
    expect(listed.body.items).toEqual([]);
    // Without them (or with the defaults the form fills in) the clerk may; a manager may set them.
    expect(
      (await h().clerk.call('POST', '/api/documents/customer', { data: { code: 'FP-2', name: '普通客户' } })).status,
    ).toBe(201);
    const withDefaults = await h().clerk.call('POST', '/api/documents/customer', {
      data: { code: 'FP-3', name: '默认客户', creditLimit: 0, creditLevel: 'B' },
    });
    expect(withDefaults.status).toBe(201);
    const manager = await h().manager.call('POST', '/api/documents/customer', {
      data: { code: 'FP-4', name: '经理客户', creditLimit: 5000, creditLevel: 'A' },
    });
    expect(manager.status).toBe(201);
  });

  it('refuses a read-only field on PATCH and keeps the document', async () => {
    const doc = await createDoc(h().clerk, 'sales_order_terms', order(h(), 1, 100).data);
    expect(doc.data.paymentTerms).toBe('cash');
    const res = await h().clerk.call('PATCH', `/api/documents/sales_order_terms/${doc.id}`, {
      data: { paymentTerms: 'net60' },
      version: doc.version,
    });
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([{ path: '/paymentTerms', message: expect.any(String) }]);
    const stored = await h().clerk.call('GET', `/api/documents/sales_order_terms/${doc.id}`);
    expect(stored.body).toMatchObject({ version: doc.version, data: { paymentTerms: 'cash' } });
    // Other fields stay editable.
    const remark = await h().clerk.call('PATCH', `/api/documents/sales_order_terms/${doc.id}`, {
      data: { remark: '周五送' },
      version: doc.version,
    });
    expect(remark.status).toBe(200);
  });

  it('refuses a read-only field in a change request', async () => {
    const approved = await submitOrder(h(), h().clerk, 1, 100, {}, 'sales_order_terms');
    expect(approved.state).toBe('approved');
    const res = await h().clerk.call('POST', `/api/documents/sales_order_terms/${approved.id}/change-requests`, {
      patch: { paymentTerms: 'net60' },
      reason: '客户要求月结',
      version: approved.version,
    });
    expect(res.status).toBe(403);
    const stored = await h().clerk.call('GET', `/api/documents/sales_order_terms/${approved.id}`);
    expect(stored.body).toMatchObject({ version: approved.version, approval: { kind: 'transition' } });
  });

  it("refuses an import whose rows set a clerk's read-only fields", async () => {
    const file = await workbook([
      ['客户编码', '客户名称', '信用额度（0 表示不限）'],
      ['FP-IMP-1', '导入客户', 8_000_000],
    ]);
    const res = await fetch(`${h().baseUrl}/api/documents/customer/import`, {
      method: 'POST',
      headers: {
        authorization: (await clerkAuth()).authorization,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: new Uint8Array(file),
    });
    const body = await res.json();
    expect(res.status).toBe(422);
    expect(JSON.stringify(body.errors)).toContain('creditLimit');
    expect((await h().admin.call('GET', '/api/documents/customer?q=FP-IMP')).body.items).toEqual([]);
  });

  /** The clerk's bearer header (the harness client does not expose it; log in again). */
  async function clerkAuth(): Promise<{ authorization: string }> {
    const res = await h().t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk.one', password: `Tq9-${'clerk.one'.length}-Wx7#Lm2026` },
    });
    return { authorization: `Bearer ${res.json().token}` };
  }
});
