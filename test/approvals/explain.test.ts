// POST /api/approvals/explain: a dry run of which levels apply, why, and who
// could approve — for values, for a stored order, and for a proposed change.
import { expect, it } from 'vitest';
import { createDoc, describeApprovals, order, submitOrder, type Harness } from './harness';

const explain = (h: Harness, body: object, as = h.clerk) => as.call('POST', '/api/approvals/explain', body);
const levelsOf = (body: any) => Object.fromEntries(body.levels.map((l: any) => [l.key, l]));
const usernames = (level: any) => level.candidates.map((c: { username: string }) => c.username).sort();

describeApprovals('approval explain', (h) => {
  it('explains a 5,000 order from an A customer: no level applies, approved at once', async () => {
    const res = await explain(h(), { ...order(h(), 50, 100), transition: 'submit' });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toEqual({ applicable: [], immediate: true, state: 'approved' });
    expect(res.body.data.total).toBe(5000);
    const { manager, finance } = levelsOf(res.body);
    expect(manager).toMatchObject({
      applies: false,
      why: { text: 'data.total ≥ 10000', vars: { 'data.total': 5000 } },
    });
    expect(finance.why.clauses).toEqual([
      { text: 'data.total ≥ 100000', holds: false },
      { text: 'related.customer.creditLevel = "C"', holds: false },
    ]);
    expect(finance.why.vars).toEqual({ 'data.total': 5000, 'related.customer.creditLevel': 'A' });
  });

  it('explains 50,000 (sales managers) and 150,000 (then finance managers), naming who could approve to an approver', async () => {
    const mid = await explain(h(), { ...order(h(), 500, 100), transition: 'submit' }, h().manager2);
    expect(mid.body.outcome).toEqual({ applicable: ['manager'], immediate: false, state: 'pending_review' });
    const midLevels = levelsOf(mid.body);
    expect(usernames(midLevels.manager)).toEqual(['manager.one', 'manager.two']);
    expect(midLevels.manager.candidates[0].via).toEqual(['role:sales_manager']);
    expect(midLevels.finance.applies).toBe(false);

    const big = await explain(h(), { ...order(h(), 1500, 100), transition: 'submit' }, h().finance);
    expect(big.body.outcome.applicable).toEqual(['manager', 'finance']);
    expect(usernames(levelsOf(big.body).finance)).toEqual(['finance.one', 'finance.two']);
  });

  it('explains a C-credit customer: finance, because of the credit level', async () => {
    const res = await explain(h(), { ...order(h(), 10, 100, { customer: h().customerC }), transition: 'submit' });
    expect(res.body.outcome.applicable).toEqual(['finance']);
    expect(levelsOf(res.body).finance.why.clauses[1]).toEqual({
      text: 'related.customer.creditLevel = "C"',
      holds: true,
    });
  });

  it('marks the caller as excluded from approving what they would request', async () => {
    const res = await explain(h(), { ...order(h(), 500, 100), transition: 'submit' }, h().manager);
    const own = levelsOf(res.body).manager.candidates.find((c: { username: string }) => c.username === 'manager.one');
    expect(own.excluded).toBe('requester');
  });

  it('explains a stored order, and a proposed change to an approved one', async () => {
    const draft = await createDoc(h().clerk, 'sales_order', order(h(), 500, 100).data);
    const stored = await explain(h(), { type: 'sales_order', id: draft.id, transition: 'submit' });
    expect(stored.body.outcome.applicable).toEqual(['manager']);

    const approved = await submitOrder(h(), h().clerk, 50, 100);
    const change = await explain(h(), {
      type: 'sales_order',
      id: approved.id,
      transition: 'change',
      data: { lines: [{ product: h().product, qty: 1500, price: 100 }] },
    });
    expect(change.status).toBe(200);
    expect(change.body).toMatchObject({
      transition: 'change',
      data: { total: 150000 },
      outcome: { applicable: ['manager', 'finance'], state: 'approved' },
    });
    // A dry run changes nothing.
    expect((await h().clerk.call('GET', `/api/documents/sales_order/${approved.id}`)).body).toMatchObject({
      version: approved.version,
      data: { total: 5000 },
    });
  });

  it('answers 404 for an unknown transition', async () => {
    const res = await explain(h(), { ...order(h(), 5, 100), transition: 'fly' });
    expect(res.status).toBe(404);
  });
});
