import { expect, it } from 'vitest';
import { describeApi, orderData } from './harness';

describeApi('Idempotency-Key on POST /api/documents/:type', (h) => {
  const post = (key: string, data: object) =>
    h().clerk.req('POST', '/api/documents/sales_order', { data }, { 'idempotency-key': key });

  it('replays the first response (status and body) for the same key and body', async () => {
    const data = orderData(h(), [{ qty: 1, price: 10 }]);
    const first = await post('order-key-1', data);
    expect(first.statusCode).toBe(201);
    const replay = await post('order-key-1', data);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await h().t.store.collection('documents_sales_order').count({ _id: first.json().id })).toBe(1);
    const all = (await h().clerk.req('GET', '/api/documents/sales_order?limit=100')).json().items;
    expect(all.filter((d: { number: string }) => d.number === first.json().number)).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_MISMATCH', async () => {
    expect((await post('order-key-2', orderData(h(), [{ qty: 1, price: 10 }]))).statusCode).toBe(201);
    const res = await post('order-key-2', orderData(h(), [{ qty: 2, price: 10 }]));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('creates one document for concurrent requests with one key', async () => {
    const data = orderData(h(), [{ qty: 3, price: 10 }], { remark: 'concurrent-idem' });
    const results = await Promise.all(Array.from({ length: 10 }, () => post('order-key-3', data)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await h().t.store.collection('documents_sales_order').count({ 'data.remark': 'concurrent-idem' })).toBe(1);
  });

  it('keeps keys apart per user, and lets a failed first attempt be retried', async () => {
    const data = orderData(h(), [{ qty: 1, price: 10 }]);
    const mine = await post('shared-key', data);
    const theirs = await h().clerk2.req(
      'POST',
      '/api/documents/sales_order',
      { data },
      { 'idempotency-key': 'shared-key' },
    );
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
    const bad = await post('retry-key', { ...data, lines: [] });
    expect(bad.statusCode).toBe(422);
    const fixedSameBody = await post('retry-key', { ...data, lines: [] });
    expect(fixedSameBody.statusCode).toBe(422);
    expect(fixedSameBody.headers['idempotent-replayed']).toBeUndefined();
  });
});
