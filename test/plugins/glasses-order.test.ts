import { expect, it } from 'vitest';
import { createDoc, transition, type Client, type DocView } from './support';
import { describeShop, orderData, prescription, receive, type Shop } from './eyewear-harness';

async function level(c: Client, shop: Shop, product: string) {
  const res = await c.req('GET', `/api/inventory/levels?product=${product}&warehouse=${shop.warehouse.id}`);
  expect(res.statusCode, res.body).toBe(200);
  const rows = res.json<Array<{ onHand: number; reserved: number; available: number }>>();
  return rows.reduce((a, r) => ({ onHand: a.onHand + r.onHand, reserved: a.reserved + r.reserved }), {
    onHand: 0,
    reserved: 0,
  });
}

async function patch(c: Client, doc: DocView, data: Record<string, unknown>): Promise<DocView> {
  const res = await c.req('PATCH', `/api/documents/glasses_order/${doc.id}`, { data, version: doc.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DocView>();
}

describeShop('glasses order (配镜单) work order', (shop) => {
  it('runs the whole workflow: stock reserved on payment, issued to the workshop, QC fail back to processing, points on pickup', async () => {
    const s = shop();
    const rx = await prescription(s.optometrist, s.customer.id);
    let order = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id));
    expect(order.data).toMatchObject({ total: 1400, listTotal: 1400, discountPct: 0, pointsEarned: 140 });
    const frameBefore = await level(s.admin, s, s.frame.id);
    const lensBefore = await level(s.admin, s, s.lens.id);

    order = await transition(s.assistant, 'glasses_order', order, 'pay');
    expect(order.state).toBe('paid');
    expect(await level(s.admin, s, s.frame.id)).toEqual({
      onHand: frameBefore.onHand,
      reserved: frameBefore.reserved + 1,
    });
    expect(await level(s.admin, s, s.lens.id)).toEqual({
      onHand: lensBefore.onHand,
      reserved: lensBefore.reserved + 2,
    });

    order = await transition(s.technician, 'glasses_order', order, 'issue_materials');
    expect(await level(s.admin, s, s.frame.id)).toEqual({
      onHand: frameBefore.onHand - 1,
      reserved: frameBefore.reserved,
    });
    expect(await level(s.admin, s, s.lens.id)).toEqual({
      onHand: lensBefore.onHand - 2,
      reserved: lensBefore.reserved,
    });

    order = await transition(s.technician, 'glasses_order', order, 'start_processing');
    order = await transition(s.technician, 'glasses_order', order, 'finish_processing');
    expect(order.state).toBe('quality_check');
    const early = await s.technician.req('POST', `/api/documents/glasses_order/${order.id}/transitions/pass_qc`, {
      version: order.version,
    });
    expect(early.statusCode).toBe(422);
    const measured = { od: { sphere: -3.25, cylinder: -0.75, axis: 175 }, os: { sphere: -2.5, cylinder: 0 }, pd: 63 };
    order = await patch(s.technician, order, { qc: { ...measured, result: 'fail', note: '右眼轴位偏 5°' } });
    order = await transition(s.technician, 'glasses_order', order, 'fail_qc');
    expect(order.state).toBe('processing');
    order = await transition(s.technician, 'glasses_order', order, 'finish_processing');
    order = await patch(s.technician, order, {
      qc: { ...measured, od: { ...measured.od, axis: 180 }, result: 'pass' },
    });
    order = await transition(s.technician, 'glasses_order', order, 'pass_qc');
    expect(order.state).toBe('ready');

    const pointsBefore =
      ((await s.admin.req('GET', `/api/documents/customer/${s.customer.id}`)).json().data.points as number) ?? 0;
    order = await transition(s.assistant, 'glasses_order', order, 'pick_up');
    expect(order.state).toBe('picked_up');
    const customer = (await s.admin.req('GET', `/api/documents/customer/${s.customer.id}`)).json();
    expect(customer.data.points).toBe(pointsBefore + 140);
    const ledger = await s.t.store.collection('eyewear_points').find({ 'source.id': order.id });
    expect(ledger).toEqual([expect.objectContaining({ delta: 140, before: pointsBefore, after: pointsBefore + 140 })]);
  });

  it('refuses payment when a lens cannot be made for the prescription, naming the line, and reserves nothing', async () => {
    const s = shop();
    const rx = await prescription(s.optometrist, s.customer.id, { od: { sphere: -8, cylinder: -0.5, axis: 90 } });
    const order = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id));
    const before = await level(s.admin, s, s.lens.id);
    const res = await s.assistant.req('POST', `/api/documents/glasses_order/${order.id}/transitions/pay`, {
      version: order.version,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: '/lines/1/product' })]);
    expect((await s.admin.req('GET', `/api/documents/glasses_order/${order.id}`)).json().state).toBe('ordered');
    expect(await level(s.admin, s, s.lens.id)).toEqual(before);
  });

  it('sends a discount deeper than 10% to the store manager (初审) before payment completes', async () => {
    const s = shop();
    const rx = await prescription(s.optometrist, s.customer.id);
    let order = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id, { frame: 640 }));
    expect(order.data.discountPct).toBeCloseTo(11.43, 2);
    order = await transition(s.assistant, 'glasses_order', order, 'pay');
    expect(order.state).toBe('discount_review');
    const byAssistant = await s.assistant.req('POST', `/api/documents/glasses_order/${order.id}/approve`, {
      comment: '自己批',
    });
    expect(byAssistant.statusCode).toBe(403);
    const approved = await s.manager.req('POST', `/api/documents/glasses_order/${order.id}/approve`, {
      comment: '老顾客',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('paid');
  });

  it('needs the regional manager (复审) too when the discount is deeper than 20%', async () => {
    const s = shop();
    const rx = await prescription(s.optometrist, s.customer.id);
    let order = await createDoc(s.assistant, 'glasses_order', orderData(s, rx.id, { frame: 600, lens: 200 }));
    order = await transition(s.assistant, 'glasses_order', order, 'pay');
    const first = await s.manager.req('POST', `/api/documents/glasses_order/${order.id}/approve`, {});
    expect(first.json().state).toBe('discount_review');
    const second = await s.regional.req('POST', `/api/documents/glasses_order/${order.id}/approve`, {});
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().state).toBe('paid');
  });

  it('prints the 配镜单 with the prescription table', async () => {
    const s = shop();
    const rx = await prescription(s.optometrist, s.customer.id);
    const order = await createDoc(
      s.assistant,
      'glasses_order',
      orderData(s, rx.id, {}, { fitting: { pdOd: 31.5, pdOs: 31.5 } }),
    );
    const res = await s.assistant.req('GET', `/api/documents/glasses_order/${order.id}/print/workshop`);
    expect(res.statusCode, res.body).toBe(200);
    const html = res.body;
    expect(html).toContain('class="prescription"');
    expect(html).toMatch(/<tr class="od"><th>右 OD<\/th><td>-3.25<\/td><td>-0.75<\/td><td>180<\/td>/);
    expect(html).toMatch(/<tr class="os"><th>左 OS<\/th><td>-2.5<\/td><td>0<\/td><td><\/td>/);
    expect(html).toContain(rx.number);
    expect(html).toContain('52□18-140');
    const receipt = await s.assistant.req('GET', `/api/documents/glasses_order/${order.id}/print/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('壹仟肆佰');
  });

  it('refuses a contact-lens receipt without batch and expiry, naming the fields', async () => {
    const s = shop();
    const cl = await createDoc(s.admin, 'product', {
      sku: 'CL-M-300',
      name: '月抛 -3.00',
      unit: '盒',
      price: 120,
      eyewearKind: 'contact_lens',
      tracksBatches: true,
      baseCurve: 8.6,
      diameter: 14.2,
      clPower: -3,
      replacementCycle: 'monthly',
    });
    const receipt = await createDoc(s.admin, 'goods_receipt', {
      supplier: s.supplier.id,
      warehouse: s.warehouse.id,
      receiptDate: '2026-11-01',
      lines: [{ product: cl.id, acceptedQty: 5 }],
    });
    const res = await s.admin.req('POST', `/api/documents/goods_receipt/${receipt.id}/transitions/post`, {
      version: receipt.version,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/lines/0/batch', '/lines/0/expiry']);
    await receive(s.admin, s, [{ product: cl.id, acceptedQty: 5, batch: 'B2026A', expiry: '2027-06-30' }]);
  });
});
