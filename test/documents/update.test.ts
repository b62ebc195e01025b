import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApi, orderData, stockUp } from './harness';

describeApi('PATCH /api/documents/:type/:id', (h) => {
  // Submitting reserves stock before the order is approved.
  beforeAll(() => stockUp(h()));

  it('merges the patch, recomputes computed fields and bumps the version', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 2, price: 50 }], { remark: 'first' }));
    const res = await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { lines: [{ product: h().product.id, qty: 3, price: 50 }], remark: null, total: 1 },
    });
    expect(res.statusCode).toBe(200);
    const updated = res.json();
    expect(updated.version).toBe(2);
    expect(updated.data.total).toBe(150);
    expect(updated.data).not.toHaveProperty('remark');
    expect(updated.data.customer).toBe(h().customer.id);
    expect(updated.number).toBe(doc.number);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }]));
    const first = await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { remark: 'winner' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { remark: 'loser' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const now = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}`)).json();
    expect(now.version).toBe(2);
    expect(now.data.remark).toBe('winner');
    const history = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/history`)).json().items;
    expect(history.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
  });

  it('lets exactly one of many concurrent patches of one version win', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }]));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, { version: 1, data: { remark: `writer ${i}` } }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    const history = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/history`)).json().items;
    expect(history).toHaveLength(2);
  });

  it('refuses changes in a state that is not editable', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }]));
    const submitted = await h().clerk.req('POST', `/api/documents/sales_order/${doc.id}/transitions/submit`, {
      version: 1,
    });
    expect(submitted.json().state).toBe('approved');
    const res = await h().manager.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 2,
      data: { remark: 'too late' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('approved');
    expect((await h().manager.req('GET', `/api/documents/sales_order/${doc.id}`)).json().data.remark).toBeUndefined();
  });

  it('validates the merged data with JSON Pointer paths', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }]));
    const res = await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { lines: [{ product: h().product.id, qty: -1, price: 1 }], bogus: 1 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/lines/0/qty', '/bogus']),
    );
  });

  it("lets a clerk with update 'own' change only their own documents", async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }]));
    // clerk.two cannot even see it (read: own), so it is not found rather than forbidden.
    const other = await h().clerk2.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { remark: 'x' },
    });
    expect(other.statusCode).toBe(404);
    const keeper = await h().keeper.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { remark: 'x' },
    });
    expect(keeper.statusCode).toBe(403);
  });
});
