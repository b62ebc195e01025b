// Partial shipments (分批发货) and delivery tracking (物流), over real HTTP on both
// stores: deliveries ship part of an order from its reservation, the order shows
// shipped / remaining per line and moves to `shipped` only when all has shipped or
// the rest is closed (which releases what the rest held); a delivery goes shipped
// → in transit → signed with signer and date, or overdue raises an alert; the
// customer-facing delivery note prints what left and who signed.
import { beforeAll, expect, it } from 'vitest';
import { describeHttp, type User } from '../spreadsheets/http';

interface Doc {
  id: string;
  number: string;
  state: string;
  version: number;
  data: Record<string, any>;
}

describeHttp('partial shipments and delivery tracking', (s) => {
  let customer: string;
  let warehouse: string;
  let frame: string;
  let lens: string;

  const create = async (type: string, data: Record<string, unknown>, as: User = s().admin): Promise<Doc> => {
    const res = await as.json<Doc>('POST', `/api/documents/${type}`, { data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const attempt = (type: string, doc: Doc, key: string, extra: Record<string, unknown> = {}, as = s().admin) =>
    as.json<Doc & { errors?: Array<{ path: string; message: string }> }>(
      'POST',
      `/api/documents/${type}/${doc.id}/transitions/${key}`,
      { version: doc.version, ...extra },
    );
  const run = async (type: string, doc: Doc, key: string, extra: Record<string, unknown> = {}, as = s().admin) => {
    const res = await attempt(type, doc, key, extra, as);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Doc;
  };
  const get = async (type: string, id: string): Promise<Doc> =>
    (await s().admin.json<Doc>('GET', `/api/documents/${type}/${id}`)).body;
  const level = async (product: string) => {
    const { body } = await s().admin.json<Array<{ onHand: number; reserved: number; available: number }>>(
      'GET',
      `/api/inventory/levels?product=${product}&warehouse=${warehouse}`,
    );
    return { onHand: body[0].onHand, reserved: body[0].reserved, available: body[0].available };
  };
  const approvedOrder = async (lines: Array<{ product: string; qty: number }>): Promise<Doc> => {
    const order = await create('sales_order', {
      customer,
      warehouse,
      orderDate: '2026-12-01',
      lines: lines.map((l) => ({ ...l, price: 10 })),
    });
    const approved = await run('sales_order', order, 'submit');
    expect(approved.state).toBe('approved');
    return approved;
  };
  const delivery = (order: Doc, lines: Array<{ product: string; qty: number }>, extra: Record<string, unknown> = {}) =>
    create('delivery', { salesOrder: order.id, customer, warehouse, lines, ...extra });

  beforeAll(async () => {
    customer = (await create('customer', { code: 'PS-C', name: '杭州明月眼镜', address: '杭州市西湖区文三路 8 号' }))
      .id;
    warehouse = (await create('warehouse', { code: 'PS-W', name: '杭州仓' })).id;
    frame = (await create('product', { sku: 'PS-FR', name: '钛架', unit: '副', price: 10 })).id;
    lens = (await create('product', { sku: 'PS-LS', name: '树脂片', unit: '片', price: 10 })).id;
    const supplier = (await create('supplier', { code: 'PS-S', name: '丹阳光学' })).id;
    const receipt = await create('goods_receipt', {
      supplier,
      warehouse,
      receiptDate: '2026-12-01',
      lines: [
        { product: frame, acceptedQty: 100 },
        { product: lens, acceptedQty: 100 },
      ],
    });
    await run('goods_receipt', receipt, 'post');
  });

  let order: Doc;
  let first: Doc;
  let second: Doc;

  it('ships part of an order: the rest stays reserved and the order shows shipped and remaining per line', async () => {
    order = await approvedOrder([
      { product: frame, qty: 10 },
      { product: lens, qty: 4 },
    ]);
    expect(await level(frame)).toEqual({ onHand: 100, reserved: 10, available: 90 });
    const draft = await delivery(order, [{ product: frame, qty: 6 }], {
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890',
      shipDate: '2026-12-02',
      expectedArrival: '2026-12-04',
    });
    expect(draft.state).toBe('draft');
    first = await run('delivery', draft, 'ship');
    expect(first.state).toBe('shipped');
    expect(await level(frame)).toEqual({ onHand: 94, reserved: 4, available: 90 });
    const after = await get('sales_order', order.id);
    expect(after.state).toBe('approved');
    expect(after.data.lines.map((l: any) => [l.shippedQty, l.remainingQty])).toEqual([
      [6, 4],
      [0, 4],
    ]);
  });

  it('refuses a delivery beyond what is left of the line with 422 naming it, changing nothing', async () => {
    const draft = await delivery(order, [{ product: frame, qty: 5 }]);
    const res = await attempt('delivery', draft, 'ship');
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]).toMatchObject({ path: '/lines/0/qty' });
    expect(res.body.errors?.[0].message).toContain('钛架 (PS-FR)');
    expect(res.body.errors?.[0].message).toContain('已发 6');
    expect((await get('delivery', draft.id)).state).toBe('draft');
    expect(await level(frame)).toEqual({ onHand: 94, reserved: 4, available: 90 });
    const en = await fetch(`${s().base}/api/documents/delivery/${draft.id}/transitions/ship`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${s().admin.token}`,
        'content-type': 'application/json',
        'accept-language': 'en',
      },
      body: JSON.stringify({ version: draft.version }),
    });
    expect(en.status).toBe(422);
    expect(((await en.json()) as { errors: Array<{ message: string }> }).errors[0].message).toContain('shipped 6');
  });

  it('refuses shipping the whole order once part of it has shipped', async () => {
    const res = await attempt('sales_order', await get('sales_order', order.id), 'ship');
    expect(res.status).toBe(422);
    expect(await level(frame)).toEqual({ onHand: 94, reserved: 4, available: 90 });
  });

  it('moves the order to shipped when the second delivery ships the rest', async () => {
    second = await run(
      'delivery',
      await delivery(
        order,
        [
          { product: frame, qty: 4 },
          { product: lens, qty: 4 },
        ],
        { expectedArrival: '2026-01-05' },
      ),
      'ship',
    );
    const after = await get('sales_order', order.id);
    expect(after.state).toBe('shipped');
    expect(after.data.lines.map((l: any) => [l.shippedQty, l.remainingQty])).toEqual([
      [10, 0],
      [4, 0],
    ]);
    expect(await level(frame)).toEqual({ onHand: 90, reserved: 0, available: 90 });
    expect(await level(lens)).toEqual({ onHand: 96, reserved: 0, available: 96 });
    const list = await s().admin.json<{ items: Doc[] }>('GET', `/api/documents/delivery?salesOrder=${order.id}`);
    expect(
      list.body.items
        .filter((d) => d.state === 'shipped')
        .map((d) => d.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
  });

  it('closes the rest of a partly shipped order: shipped, and the rest of its reservation released', async () => {
    const partly = await approvedOrder([{ product: frame, qty: 5 }]);
    await run('delivery', await delivery(partly, [{ product: frame, qty: 2 }]), 'ship');
    expect(await level(frame)).toEqual({ onHand: 88, reserved: 3, available: 85 });
    const closed = await run(
      'sales_order',
      await get('sales_order', partly.id),
      'close_rest',
      { reason: '客户不要了' },
      s().manager,
    );
    expect(closed.state).toBe('shipped');
    expect(await level(frame)).toEqual({ onHand: 88, reserved: 0, available: 88 });
    // Nothing more ships against it.
    const late = await attempt('delivery', await delivery(partly, [{ product: frame, qty: 1 }]), 'ship');
    expect(late.status).toBe(422);
    expect(await level(frame)).toEqual({ onHand: 88, reserved: 0, available: 88 });
  });

  it('ships the last units once when two deliveries of them ship at the same moment', async () => {
    const contested = await approvedOrder([{ product: lens, qty: 5 }]);
    const before = await level(lens);
    const drafts = [
      await delivery(contested, [{ product: lens, qty: 5 }]),
      await delivery(contested, [{ product: lens, qty: 5 }]),
    ];
    const outcomes = await Promise.all(drafts.map((d) => attempt('delivery', d, 'ship')));
    expect(outcomes.map((o) => o.status).sort()).toEqual([200, 422]);
    expect(await level(lens)).toEqual({
      onHand: before.onHand - 5,
      reserved: before.reserved - 5,
      available: before.available,
    });
    const after = await get('sales_order', contested.id);
    expect(after.state).toBe('shipped');
    expect(after.data.lines[0]).toMatchObject({ shippedQty: 5, remainingQty: 0 });
  });

  it('tracks a delivery: handed to the carrier, then signed with signer and date', async () => {
    const moving = await run('delivery', first, 'dispatch');
    expect(moving.state).toBe('in_transit');
    const unsigned = await attempt('delivery', moving, 'sign');
    expect(unsigned.status).toBe(422);
    const patched = await s().admin.json<Doc>('PATCH', `/api/documents/delivery/${first.id}`, {
      version: moving.version,
      data: { ...moving.data, receivedBy: '李明', signedAt: '2026-12-04' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const signed = await run('delivery', patched.body, 'sign');
    expect(signed.state).toBe('signed');
    expect(signed.data).toMatchObject({ receivedBy: '李明', signedAt: '2026-12-04' });
  });

  it('refuses handing to the carrier without a tracking number', async () => {
    const bare = await run(
      'delivery',
      await delivery(await approvedOrder([{ product: lens, qty: 1 }]), [{ product: lens, qty: 1 }]),
      'ship',
    );
    const res = await attempt('delivery', bare, 'dispatch');
    expect(res.status).toBe(422);
    expect((await get('delivery', bare.id)).state).toBe('shipped');
  });

  it('raises an overdue shipment once for a delivery past its expected arrival, and resolves it when signed', async () => {
    const engine = s().t.app.engine;
    const scan = async () => {
      const handler = engine.jobs.get('alerts', 'shipment-overdue-scan');
      if (!handler) throw new Error('no shipment-overdue-scan job');
      return handler(
        { id: 't-overdue', name: 'shipment-overdue-scan', data: {}, attempt: 1, updateProgress: async () => undefined },
        engine,
      );
    };
    expect(await scan()).toMatchObject({ raised: 1, open: 1 });
    expect(await scan()).toMatchObject({ raised: 0, open: 1 });
    const alerts = await s().admin.json<{
      items: Array<{ kind: string; subject: { id: string }; message: Record<string, string> }>;
    }>('GET', '/api/alerts?kind=shipment_overdue');
    expect(alerts.body.items.map((a) => a.subject.id)).toEqual([second.id]);
    expect(alerts.body.items[0].message['zh-CN']).toContain(`发货单 ${second.number}`);
    expect(alerts.body.items[0].message.en).toContain('was expected on 2026-01-05');
    const current = await get('delivery', second.id);
    const patched = await s().admin.json<Doc>('PATCH', `/api/documents/delivery/${second.id}`, {
      version: current.version,
      data: { ...current.data, receivedBy: '张华', signedAt: '2026-12-06' },
    });
    await run('delivery', patched.body, 'sign');
    expect(await scan()).toMatchObject({ open: 0, resolved: 1 });
  });

  it('prints the customer-facing delivery note with what shipped, the carrier and who signed', async () => {
    const res = await s().admin.get(`/api/documents/delivery/${first.id}/print/delivery_note`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('送货单 Delivery Note');
    expect(html).toContain(order.number);
    expect(html).toContain('杭州市西湖区文三路 8 号');
    expect(html).toContain('顺丰速运');
    expect(html).toContain('SF1234567890');
    expect(html).toMatch(/PS-FR 钛架[\s\S]*副[\s\S]*>6</);
    expect(html).toContain('已签收 Signed by：李明');
  });
});
