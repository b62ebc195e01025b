// Finding 7: what leaked past an "own" read scope. Deliveries follow their
// order's scope (and /links names only what the caller may read); a reference to
// a document the caller may not read is refused exactly like a missing one; the
// credit refusal does not quote other clerks' open orders; delegates must be
// users who could hold the level (or whom the level names), and one who may not
// read the document gets the decision back, not the order; delegation answers
// the same for unknown and ineligible names; explain names approvers only to
// those who may see them.
import { beforeAll, expect, it } from 'vitest';
import {
  createDoc,
  decideAs,
  describeApprovals,
  order,
  publishVariant,
  submitOrder,
  type Client,
} from '../approvals/harness';

describeApprovals('leaks past the own read scope', (h) => {
  let ownOrder: any;
  let delivery: any;

  beforeAll(async () => {
    // clerk.one's order, approved at once and shipped by the warehouse keeper.
    const approved = await submitOrder(h(), h().clerk, 2, 100);
    const shipped = await h().keeper.call('POST', `/api/documents/sales_order/${approved.id}/transitions/ship`, {
      version: approved.version,
    });
    expect(shipped.status).toBe(200);
    ownOrder = shipped.body;
    const list = await h().keeper.call('GET', `/api/documents/delivery?salesOrder=${ownOrder.id}`);
    expect(list.body.items).toHaveLength(1);
    delivery = list.body.items[0];
    expect(delivery.data.salesOrder).toBe(ownOrder.id);
  });

  it("hides another clerk's order's delivery, by id, in lists and through /links", async () => {
    const other = h().clerk2;
    expect((await other.call('GET', `/api/documents/delivery/${delivery.id}`)).status).toBe(404);
    expect((await other.call('GET', `/api/documents/delivery/${delivery.id}/links`)).status).toBe(404);
    const listed = await other.call('GET', '/api/documents/delivery');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: { id: string }) => d.id)).not.toContain(delivery.id);
    // The order's own clerk still sees it, and its link to the order.
    expect((await h().clerk.call('GET', `/api/documents/delivery/${delivery.id}`)).status).toBe(200);
    const mine = await h().clerk.call('GET', '/api/documents/delivery');
    expect(mine.body.items.map((d: { id: string }) => d.id)).toContain(delivery.id);
    const links = await h().clerk.call('GET', `/api/documents/delivery/${delivery.id}/links`);
    expect(links.body.items.map((l: { number: string }) => l.number)).toEqual([ownOrder.number]);
  });

  it('names on /links only the documents the caller may read', async () => {
    const buyer = await h().user('buyer.links', ['purchaser']);
    // A purchaser reads sales orders but not deliveries.
    const links = await buyer.call('GET', `/api/documents/sales_order/${ownOrder.id}/links`);
    expect(links.status).toBe(200);
    expect(links.body.items).toEqual([]);
    const keeperLinks = await h().keeper.call('GET', `/api/documents/sales_order/${ownOrder.id}/links`);
    expect(keeperLinks.body.items.map((l: { id: string }) => l.id)).toEqual([delivery.id]);
  });

  it("refuses a return against another clerk's order exactly like one against a missing order", async () => {
    const returnOf = (salesOrder: string) =>
      h().clerk2.call('POST', '/api/documents/sales_return', {
        data: {
          customer: h().customerA,
          salesOrder,
          returnDate: '2026-11-22',
          reason: '质量问题',
          lines: [{ product: h().product, qty: 1, price: 100 }],
        },
      });
    const foreign = await returnOf(ownOrder.id);
    const missing = await returnOf('0123456789abcdef01234567');
    expect(foreign.status).toBe(422);
    expect(missing.status).toBe(422);
    expect(foreign.body.errors).toEqual(missing.body.errors);
    expect(foreign.body.detail).toBe(missing.body.detail);
    // The order's own clerk may.
    expect(
      (
        await h().clerk.call('POST', '/api/documents/sales_return', {
          data: {
            customer: h().customerA,
            salesOrder: ownOrder.id,
            returnDate: '2026-11-22',
            reason: '质量问题',
            lines: [{ product: h().product, qty: 1, price: 100 }],
          },
        })
      ).status,
    ).toBe(201);
  });

  it("does not quote other clerks' open orders in the credit refusal", async () => {
    const customer = (
      await createDoc(h().admin, 'customer', {
        code: 'C-CREDIT',
        name: '宁波小店',
        creditLevel: 'A',
        creditLimit: 1000,
      })
    ).id;
    await submitOrder(h(), h().clerk2, 6, 100, { customer });
    const tooMuch = await createDoc(h().clerk, 'sales_order', order(h(), 5, 100, { customer }).data);
    const refused = await h().clerk.call('POST', `/api/documents/sales_order/${tooMuch.id}/transitions/submit`, {
      version: tooMuch.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).not.toContain('600.00');
    expect(refused.body.detail).toContain('（无权查看）');
    // `instance` holds the order's id, whose hex may contain "600" by chance.
    const { instance: _instance, ...shown } = refused.body;
    expect(JSON.stringify(shown)).not.toContain('600');
    // A manager, who reads every order, is told the figure.
    const managers = await createDoc(h().manager, 'sales_order', order(h(), 5, 100, { customer }).data);
    const told = await h().manager.call('POST', `/api/documents/sales_order/${managers.id}/transitions/submit`, {
      version: managers.version,
    });
    expect(told.status).toBe(422);
    expect(told.body.detail).toContain('600.00');
  });

  it('does not let a manager delegate to a clerk, and answers unknown and ineligible names alike', async () => {
    const at = (offsetMs: number) => new Date(h().clock.now().getTime() + offsetMs).toISOString();
    const body = (to: string) => ({ to, from: at(-3600_000), until: at(24 * 3600_000) });
    const toClerk = await h().manager.call('POST', '/api/approvals/delegations', body('clerk.two'));
    const toNobody = await h().manager.call('POST', '/api/approvals/delegations', body('no.such.user'));
    expect(toClerk.status).toBe(422);
    expect(toNobody.status).toBe(422);
    expect(toClerk.body.errors).toEqual(toNobody.body.errors);
    expect(toClerk.body.detail).toBe(toNobody.body.detail);
    // A clerk approves nothing, so has no one to delegate to: every name gets the same answer.
    const clerkTries = await h().clerk.call('POST', '/api/approvals/delegations', body('manager.two'));
    expect(clerkTries.status).toBe(422);
    expect(clerkTries.body.errors).toEqual(toNobody.body.errors);
    const candidates = await h().manager.call('GET', '/api/approvals/delegations/candidates');
    expect(candidates.body.items.map((c: { username: string }) => c.username)).toContain('manager.two');
    expect(candidates.body.items.map((c: { username: string }) => c.username)).not.toContain('clerk.two');
    expect((await h().clerk.call('GET', '/api/approvals/delegations/candidates')).body.items).toEqual([]);
  });

  it('does not let a delegation stored earlier make a clerk an approver of a 20,000 order', async () => {
    // A delegation from before this rule: the manager to a clerk.
    const store = h().t.store;
    await store.collection('approval_delegations').insertOne({
      delegator: { id: h().manager.user.id, username: 'manager.one' },
      delegate: { id: h().clerk2.user.id, username: 'clerk.two' },
      from: new Date(h().clock.now().getTime() - 3600_000),
      until: new Date(h().clock.now().getTime() + 24 * 3600_000),
      createdAt: h().clock.now(),
    });
    const big = await submitOrder(h(), h().clerk, 200, 100);
    expect(big.state).toBe('pending_review');
    const res = await decideAs(h().clerk2, big, 'approve');
    expect([403, 404]).toContain(res.status);
    const inbox = await h().clerk2.call('GET', '/api/approvals/inbox');
    expect(inbox.body.items.map((i: { id: string }) => i.id)).not.toContain(big.id);
    expect((await h().clerk.call('GET', `/api/documents/sales_order/${big.id}`)).body.state).toBe('pending_review');
  });

  it('lets a level name its delegates, and answers a delegate who may not read the order with the decision only', async () => {
    await publishVariant(h(), 'sales_order_deputy', (def) => {
      const submit = def.transitions.find((t: { key: string }) => t.key === 'submit');
      submit.approval.levels[0].delegates = { roles: ['warehouse_keeper'] };
      def.permissions.warehouse_keeper.read = false;
      def.title = { 'zh-CN': '销售订单（代批）', en: 'Sales order (deputy)' };
    });
    const deputy: Client = await h().user('deputy.keeper', ['warehouse_keeper']);
    const manager3 = await h().user('manager.three', ['sales_manager']);
    const at = (offsetMs: number) => new Date(h().clock.now().getTime() + offsetMs).toISOString();
    const created = await manager3.call('POST', '/api/approvals/delegations', {
      to: 'deputy.keeper',
      from: at(-3600_000),
      until: at(24 * 3600_000),
    });
    expect(created.status).toBe(201);
    const doc = await submitOrder(h(), h().clerk, 200, 100, {}, 'sales_order_deputy');
    expect(doc.state).toBe('pending_review');
    const res = await decideAs(deputy, doc, 'approve', { comment: '代批' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('approved');
    expect(res.body.approval.decisions.at(-1)).toMatchObject({ onBehalfOf: { username: 'manager.three' } });
    expect(res.body.data).toEqual({});
    expect(JSON.stringify(res.body)).not.toContain(h().customerA);
  });

  it('names approvers in explain to approvers and admins, not to clerks', async () => {
    const body = { ...order(h(), 500, 100), transition: 'submit' };
    const clerkView = await h().clerk.call('POST', '/api/approvals/explain', body);
    expect(clerkView.status).toBe(200);
    const text = JSON.stringify(clerkView.body);
    expect(text).not.toContain('manager.one');
    expect(text).not.toContain(h().manager.user.id);
    const manager = clerkView.body.levels.find((l: { key: string }) => l.key === 'manager');
    expect(manager).toMatchObject({ approvers: { roles: ['sales_manager'] }, candidates: [], approversHidden: true });
    const managerView = await h().manager2.call('POST', '/api/approvals/explain', body);
    expect(JSON.stringify(managerView.body)).toContain('manager.one');
  });
});
