// Delegation: for a date range a delegate decides for an approver; the decision
// records both.
import { beforeAll, expect, it } from 'vitest';
import {
  decideAs,
  describeApprovals,
  history,
  publishVariant,
  submitOrder,
  type Client,
  type Harness,
} from './harness';

const HOUR = 3600_000;
const at = (h: Harness, offsetMs: number) => new Date(h.clock.now().getTime() + offsetMs).toISOString();
const delegate = (c: Client, body: object) => c.call('POST', '/api/approvals/delegations', body);

describeApprovals('approval delegation', (h) => {
  // A delegate must be someone who could hold the level, or whom the level names as a possible delegate.
  beforeAll(async () => {
    await publishVariant(h(), 'sales_order', (def) => {
      const levels = def.transitions.find((t: { key: string }) => t.key === 'submit').approval.levels;
      levels.find((l: { key: string }) => l.key === 'manager').delegates = { roles: ['warehouse_keeper'] };
      levels.find((l: { key: string }) => l.key === 'finance').delegates = { roles: ['sales_clerk'] };
    });
  });

  it('lets the delegate decide for the approver, recording decidedBy and onBehalfOf', async () => {
    const deputy = await h().user('deputy.one', ['warehouse_keeper']);
    const created = await delegate(h().manager, { to: 'deputy.one', from: at(h(), -HOUR), until: at(h(), 24 * HOUR) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      delegator: { username: 'manager.one' },
      delegate: { username: 'deputy.one' },
    });

    const doc = await submitOrder(h(), h().clerk, 500, 100);
    const inbox = (await deputy.call('GET', '/api/approvals/inbox')).body.items;
    expect(inbox.find((i: { id: string }) => i.id === doc.id)).toMatchObject({
      onBehalfOf: { username: 'manager.one' },
    });
    const res = await decideAs(deputy, doc, 'approve', { comment: '代批' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('approved');
    expect(res.body.approval.decisions[0]).toMatchObject({
      by: { username: 'deputy.one' },
      onBehalfOf: { username: 'manager.one' },
      comment: '代批',
    });
    expect((await history(h().clerk, doc)).at(-1).details.approval).toMatchObject({
      decidedBy: { username: 'deputy.one' },
      onBehalfOf: { username: 'manager.one' },
    });

    const list = (await h().manager.call('GET', '/api/approvals/delegations')).body;
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([created.body.id]);
    expect((await deputy.call('GET', '/api/approvals/delegations')).body.received).toHaveLength(1);
    expect((await deputy.call('DELETE', `/api/approvals/delegations/${created.body.id}`)).status).toBe(404);
    expect((await h().manager.call('DELETE', `/api/approvals/delegations/${created.body.id}`)).status).toBe(204);
    const after = await submitOrder(h(), h().clerk, 500, 100);
    expect((await decideAs(deputy, after, 'approve')).status).toBe(403);
  });

  it('does not count outside its date range', async () => {
    const later = await h().user('deputy.two', ['warehouse_keeper']);
    await delegate(h().manager2, { to: later.user.id, from: at(h(), 48 * HOUR), until: at(h(), 72 * HOUR) });
    const doc = await submitOrder(h(), h().clerk, 500, 100);
    expect((await decideAs(later, doc, 'approve')).status).toBe(403);
    h().clock.advance(49 * HOUR);
    expect((await decideAs(later, doc, 'approve')).body).toMatchObject({
      state: 'approved',
      approval: { decisions: [{ onBehalfOf: { username: 'manager.two' } }] },
    });
  });

  it('does not let the requester approve as a delegate', async () => {
    await delegate(h().finance, { to: 'clerk.two', from: at(h(), -HOUR), until: at(h(), 24 * HOUR) });
    const doc = await submitOrder(h(), h().clerk2, 10, 100, { customer: h().customerC });
    const res = await decideAs(h().clerk2, doc, 'approve');
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('self_approval');
  });

  it('refuses an invalid delegation naming the field', async () => {
    const self = await delegate(h().manager, { to: 'manager.one', from: '2026-03-01', until: '2026-03-02' });
    expect(self.status).toBe(422);
    expect(self.body.errors.map((e: { path: string }) => e.path)).toContain('/to');
    const backwards = await delegate(h().manager, {
      to: 'finance.one',
      from: at(h(), 48 * HOUR),
      until: at(h(), 24 * HOUR),
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors.map((e: { path: string }) => e.path)).toContain('/until');
  });
});
