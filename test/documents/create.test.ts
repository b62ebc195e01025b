import { expect, it } from 'vitest';
import { describeApi, orderData } from './harness';

describeApi('POST /api/documents/:type', (h) => {
  it('creates a sales order with computed amounts, a number and version 1', async () => {
    const res = await h().clerk.req('POST', '/api/documents/sales_order', {
      data: orderData(h(), [
        { qty: 3, price: 1234.5 },
        { qty: 2, price: 100, discount: 0.1 },
      ]),
    });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      type: 'sales_order',
      state: 'draft',
      version: 1,
      definitionVersion: 5,
      createdBy: h().clerk.user.id,
      approval: null,
    });
    expect(doc.number).toMatch(/^SO-\d{8}-\d{4}$/);
    expect(doc.data.lines.map((l: { amount: number }) => l.amount)).toEqual([3703.5, 180]);
    expect(doc.data.total).toBe(3883.5);
    expect(doc.data.paymentTerms).toBe('cash');
    expect(typeof doc.createdAt).toBe('string');
  });

  it('ignores client values for computed fields', async () => {
    const res = await h().clerk.req('POST', '/api/documents/sales_order', {
      data: { ...orderData(h(), [{ qty: 1, price: 10, amount: 999999 } as never]), total: 1 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.lines[0].amount).toBe(10);
    expect(res.json().data.total).toBe(10);
  });

  it('computes the payment due date from the order date and the terms, ignoring a client value', async () => {
    const create = (paymentTerms: string) =>
      h().clerk.req('POST', '/api/documents/sales_order', {
        data: {
          ...orderData(h(), [{ qty: 1, price: 10 }], { orderDate: '2026-11-20', paymentTerms }),
          dueDate: '2000-01-01',
        },
      });
    expect((await create('net30')).json().data.dueDate).toBe('2026-12-20');
    expect((await create('net60')).json().data.dueDate).toBe('2027-01-19');
    expect((await create('cash')).json().data.dueDate).toBe('2026-11-20');
  });

  it('creates master data in the active state', async () => {
    const res = await h().admin.req('POST', '/api/documents/supplier', { data: { code: 'S01', name: '深圳光学' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('active');
  });

  it('reports every invalid field with a JSON Pointer path', async () => {
    const res = await h().clerk.req('POST', '/api/documents/sales_order', {
      data: {
        warehouse: h().warehouse.id,
        orderDate: 'yesterday',
        lines: [{ product: h().product.id, qty: 'three', price: 5 }],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/customer', '/orderDate', '/lines/0/qty']));
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const res = await h().clerk.req('POST', '/api/documents/sales_order', {
      data: { ...orderData(h(), [{ qty: 1, price: 1, colour: 'red' } as never]), secretField: 1 },
    });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/secretField', '/lines/0/colour']));
  });

  it('rejects a body without data, or with extra members, as 400', async () => {
    expect((await h().clerk.req('POST', '/api/documents/sales_order', { foo: 1 })).statusCode).toBe(400);
    expect((await h().clerk.req('POST', '/api/documents/sales_order', { data: {}, extra: true })).statusCode).toBe(400);
  });

  it('answers 404 for an unknown type', async () => {
    const res = await h().admin.req('POST', '/api/documents/no_such_type', { data: {} });
    expect(res.statusCode).toBe(404);
    expect((await h().admin.req('GET', '/api/documents/no_such_type')).statusCode).toBe(404);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await h().app.inject({
      method: 'POST',
      url: '/api/documents/sales_order',
      headers: { authorization: `Bearer ${h().clerk.token}`, 'content-type': 'application/json' },
      payload: '{"data": {"customer": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BAD_REQUEST');
  });

  it('answers 413 for a body over the limit', async () => {
    const remark = 'x'.repeat(h().t.config.bodyLimit + 10);
    const res = await h().clerk.req('POST', '/api/documents/sales_order', { data: { remark } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a role without create permission with 403', async () => {
    const res = await h().keeper.req('POST', '/api/documents/sales_order', {
      data: orderData(h(), [{ qty: 1, price: 1 }]),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('sales_order');
  });

  it('refuses a duplicate unique field with 409', async () => {
    const res = await h().admin.req('POST', '/api/documents/warehouse', { data: { code: 'W01', name: 'again' } });
    expect(res.statusCode).toBe(409);
  });

  it('requires authentication', async () => {
    const res = await h().app.inject({ method: 'POST', url: '/api/documents/sales_order', payload: { data: {} } });
    expect(res.statusCode).toBe(401);
  });
});
