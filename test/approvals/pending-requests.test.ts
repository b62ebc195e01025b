// While a change or cancellation request waits for approval, other transitions
// and PATCH are refused with 422 naming the request, and change nothing; deciding
// the request still works, and afterwards the document moves again.
import { beforeAll, expect, it } from 'vitest';
import {
  decideAs,
  describeApprovals,
  heldBy,
  history,
  publishVariant,
  submitOrder,
  type Client,
  type Harness,
} from './harness';

const CANCEL_TYPE = 'sales_order_cancel_wait';

const requestChange = async (h: Harness, doc: { id: string }, qty: number) => {
  const { version } = (await h.admin.call('GET', `/api/documents/sales_order/${doc.id}`)).body;
  return h.clerk.call('POST', `/api/documents/sales_order/${doc.id}/change-requests`, {
    patch: { lines: [{ product: h.product, qty, price: 100 }] },
    reason: '客户追加数量',
    version,
  });
};

const ship = (c: Client, doc: { type: string; id: string }, version: number, language?: string) =>
  c.call(
    'POST',
    `/api/documents/${doc.type}/${doc.id}/transitions/ship`,
    { version },
    language ? { 'accept-language': language } : {},
  );

const read = async (c: Client, doc: { type: string; id: string }) =>
  (await c.call('GET', `/api/documents/${doc.type}/${doc.id}`)).body;

describeApprovals('pending change and cancellation requests', (h) => {
  beforeAll(async () => {
    // A cancel transition with a finance level whose document waits in `approved`, where `ship` starts.
    await publishVariant(h(), CANCEL_TYPE, (def) => {
      const cancel = def.transitions.find((t: { key: string }) => t.key === 'cancel');
      cancel.approval = {
        pendingState: 'approved',
        levels: [
          {
            key: 'finance',
            label: { 'zh-CN': '财务审批', en: 'Finance approval' },
            when: { '==': [{ var: 'doc.state' }, 'approved'] },
            approvers: { roles: ['finance_manager'] },
            mode: 'any',
          },
        ],
      };
    });
  });

  it('refuses ship while a change request waits, and allows it after the decision', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    const asked = await requestChange(h(), doc, 500);
    expect(asked.status).toBe(201);
    const requestId = asked.body.approval.id;
    const before = await read(h().keeper, doc);

    const refused = await ship(h().keeper, doc, asked.body.version);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('RULE_FAILED');
    expect(refused.body.title).toBe('业务规则不允许');
    expect(refused.body.detail).toContain(`有待审批的变更申请 ${requestId}`);
    expect(refused.body.detail).toContain('申请人 clerk.one');
    const inEnglish = await ship(h().keeper, doc, asked.body.version, 'en');
    expect(inEnglish.body).toMatchObject({ code: 'RULE_FAILED', title: 'Business rule failed' });
    expect(inEnglish.body.detail).toContain(`has change request ${requestId}`);
    expect(inEnglish.body.detail).toContain('waiting for approval');
    const after = await read(h().keeper, doc);
    expect(after).toMatchObject({
      state: 'approved',
      version: before.version,
      approval: { kind: 'change', status: 'pending' },
    });
    expect((await history(h().clerk, doc)).at(-1).kind).toBe('change_request');

    const approved = await decideAs(h().manager, doc, 'approve', { comment: '可以' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      data: { total: 50000 },
      approval: { status: 'approved' },
    });
    const shipped = await ship(h().keeper, doc, approved.body.version);
    expect(shipped.status).toBe(200);
    expect(shipped.body.state).toBe('shipped');
  });

  it('allows the transition again once the change request is rejected', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100);
    const asked = await requestChange(h(), doc, 500);
    expect((await ship(h().keeper, doc, asked.body.version)).status).toBe(422);
    const rejected = await decideAs(h().manager, doc, 'reject', { comment: '不行' });
    expect(rejected.status).toBe(200);
    const shipped = await ship(h().keeper, doc, rejected.body.version);
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ state: 'shipped', data: { total: 5000 } });
  });

  it('refuses ship and PATCH while a cancellation request waits, and changes nothing', async () => {
    const doc = await submitOrder(h(), h().clerk, 50, 100, {}, CANCEL_TYPE);
    const asked = await h().manager.call('POST', `/api/documents/${CANCEL_TYPE}/${doc.id}/cancellation`, {
      reason: '客户取消',
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ state: 'approved', approval: { kind: 'cancellation', status: 'pending' } });

    const refused = await ship(h().keeper, doc, asked.body.version);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain(`有待审批的取消申请 ${asked.body.approval.id}`);
    const patched = await h().admin.call('PATCH', `/api/documents/${CANCEL_TYPE}/${doc.id}`, {
      data: { remark: 'x' },
      version: asked.body.version,
    });
    expect(patched.status).toBe(422);
    expect(patched.body.detail).toContain('取消申请');
    expect(await read(h().keeper, doc)).toMatchObject({
      state: 'approved',
      version: asked.body.version,
      approval: { kind: 'cancellation', status: 'pending' },
    });
    expect((await heldBy(h(), doc.id)).reserved).toBe(50);

    const approved = await decideAs(h().finance, doc, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('cancelled');
    expect((await heldBy(h(), doc.id)).reserved).toBe(0);
  });
});
