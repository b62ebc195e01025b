// Finding 2: a change request names the version it was made against; a stale one
// is 409 and changes nothing, so of many sent at once exactly one is applied.
import { expect, it } from 'vitest';
import { describeApprovals, heldBy, submitOrder, type Harness } from '../approvals/harness';

const ask = (h: Harness, doc: { id: string }, qty: number, version?: number) =>
  h.clerk.call('POST', `/api/documents/sales_order/${doc.id}/change-requests`, {
    patch: { lines: [{ product: h.product, qty, price: 100 }] },
    reason: '客户追加数量',
    ...(version === undefined ? {} : { version }),
  });

describeApprovals('change request versions', (h) => {
  it('refuses a change request without a version with 400 naming it', async () => {
    const doc = await submitOrder(h(), h().clerk, 10, 100);
    const res = await ask(h(), doc, 20);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('version');
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const doc = await submitOrder(h(), h().clerk, 10, 100);
    expect((await ask(h(), doc, 20, doc.version)).status).toBe(201);
    const stale = await ask(h(), doc, 30, doc.version);
    expect(stale.status).toBe(409);
    const now = (await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
    expect(now).toMatchObject({ version: doc.version + 1, data: { total: 2000 } });
  });

  it('applies exactly one of 20 concurrent change requests against the same version', async () => {
    const doc = await submitOrder(h(), h().clerk, 10, 100);
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(h(), doc, 11 + i, doc.version)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const winner = replies.find((r) => r.status === 201)?.body;
    const now = (await h().clerk.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
    expect(now).toMatchObject({ version: doc.version + 1, data: { total: winner.data.total } });
    expect((await heldBy(h(), doc.id)).reserved).toBe(winner.data.lines[0].qty);
  });
});
