import { expect, it } from 'vitest';
import { LOW_STOCK_SCAN_JOB } from '../../engine/replenishment/scan';
import { createDoc, describeApi, type Client, type DocView, type Harness } from '../documents/harness';

interface SuggestionJson {
  id: string;
  product: string;
  warehouse: string;
  status: string;
  projected: number;
  reorderPoint: number;
  suggestedQty: number;
  supplier?: string;
  requisition?: { id: string; number: string };
}

interface AlertJson {
  id: string;
  kind: string;
  subject: { type: string; id: string; warehouse?: string; label?: string };
  message: { 'zh-CN': string; en: string };
  status: string;
  raisedAt: string;
}

async function transition(
  c: Client,
  type: string,
  doc: { id: string; version: number },
  key: string,
): Promise<DocView> {
  const res = await c.req('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, { version: doc.version });
  if (res.statusCode !== 200) throw new Error(`${type} ${key} failed: ${res.statusCode} ${res.body}`);
  return res.json<DocView>();
}

async function receive(h: Harness, product: string, qty: number): Promise<void> {
  const supplier = await createDoc(h.admin, 'supplier', {
    code: `S-${Math.random().toString(36).slice(2, 8)}`,
    name: '供应商',
  });
  const receipt = await createDoc(h.keeper, 'goods_receipt', {
    supplier: supplier.id,
    warehouse: h.warehouse.id,
    receiptDate: '2026-11-21',
    lines: [{ product, acceptedQty: qty }],
  });
  await transition(h.keeper, 'goods_receipt', receipt, 'post');
}

/** An approved sales order reserving `qty`: projected stock drops by qty. */
async function sell(h: Harness, product: string, qty: number): Promise<void> {
  const order = await createDoc(h.clerk, 'sales_order', {
    customer: h.customer.id,
    warehouse: h.warehouse.id,
    orderDate: '2026-11-22',
    lines: [{ product, qty }],
  });
  expect((await transition(h.clerk, 'sales_order', order, 'submit')).state).toBe('approved');
}

async function scan(h: Harness): Promise<void> {
  const res = await h.keeper.req('POST', '/api/inventory/replenishment/scan');
  expect(res.statusCode).toBe(200);
}

async function suggestionsOf(h: Harness, product: string, status = 'open'): Promise<SuggestionJson[]> {
  const res = await h.keeper.req('GET', `/api/inventory/replenishment?product=${product}&status=${status}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: SuggestionJson[] }>().items;
}

async function lowStockAlerts(h: Harness, product: string, status = 'open'): Promise<AlertJson[]> {
  const res = await h.keeper.req('GET', `/api/alerts?kind=low_stock&status=${status}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: AlertJson[] }>().items.filter((a) => a.subject.id === product);
}

describeApi('replenishment below the reorder point', (h) => {
  let product: string;

  it('suggests nothing while projected stock is at or above the reorder point', async () => {
    product = (
      await createDoc(h().admin, 'product', {
        sku: 'RP-001',
        name: '树脂镜片',
        unit: '片',
        price: 50,
        reorderPoint: 10,
        reorderQty: 50,
      })
    ).id;
    await receive(h(), product, 12);
    await sell(h(), product, 2);
    await scan(h());
    expect(await suggestionsOf(h(), product)).toEqual([]);
    expect(await lowStockAlerts(h(), product)).toEqual([]);
  });

  it('creates one suggestion and one low-stock alert when projected falls below it', async () => {
    await sell(h(), product, 3);
    await scan(h());
    const open = await suggestionsOf(h(), product);
    expect(open).toEqual([
      expect.objectContaining({
        product,
        warehouse: h().warehouse.id,
        status: 'open',
        projected: 7,
        reorderPoint: 10,
        suggestedQty: 50,
      }),
    ]);
    const alerts = await lowStockAlerts(h(), product);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'low_stock',
      status: 'open',
      subject: { type: 'product', id: product, warehouse: h().warehouse.id },
    });
    expect(alerts[0].message['zh-CN']).toContain('树脂镜片');
    expect(new Date(alerts[0].raisedAt).getTime()).not.toBeNaN();
  });

  it('does not create another one for further orders while it is open', async () => {
    await sell(h(), product, 1);
    await scan(h());
    await sell(h(), product, 1);
    await scan(h());
    await scan(h());
    expect(await suggestionsOf(h(), product, 'all')).toHaveLength(1);
    expect(await lowStockAlerts(h(), product, 'all')).toHaveLength(1);
  });

  it('resolves it when projected stock is back at the reorder point, and re-arms', async () => {
    await receive(h(), product, 30);
    await scan(h());
    expect(await suggestionsOf(h(), product)).toEqual([]);
    expect(await suggestionsOf(h(), product, 'resolved')).toHaveLength(1);
    expect(await lowStockAlerts(h(), product)).toEqual([]);

    await sell(h(), product, 30);
    await scan(h());
    const open = await suggestionsOf(h(), product);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ projected: 5 });
    expect(await suggestionsOf(h(), product, 'all')).toHaveLength(2);
    expect(await lowStockAlerts(h(), product)).toHaveLength(1);
  });

  it('runs as the alerts queue job low-stock-scan too', async () => {
    const { admin, t } = h();
    const other = (
      await createDoc(admin, 'product', { sku: 'RP-002', name: '镜布', unit: '块', price: 5, reorderPoint: 100 })
    ).id;
    await receive(h(), other, 40);
    await t.app.queue.enqueue('alerts', LOW_STOCK_SCAN_JOB, {});
    const deadline = Date.now() + 20_000;
    let open: SuggestionJson[] = [];
    while (Date.now() < deadline && open.length === 0) {
      open = await suggestionsOf(h(), other);
      if (open.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    // No reorderQty: suggest what brings projected back to the reorder point.
    expect(open).toEqual([
      expect.objectContaining({ product: other, projected: 40, reorderPoint: 100, suggestedQty: 60 }),
    ]);
  });

  it('creates a draft purchase requisition once for a product with autoRequisition', async () => {
    const { admin } = h();
    const supplier = await createDoc(admin, 'supplier', { code: 'S-PREF', name: '首选供应商' });
    const auto = (
      await createDoc(admin, 'product', {
        sku: 'RP-003',
        name: '镜盒',
        unit: '个',
        price: 8,
        reorderPoint: 5,
        reorderQty: 30,
        autoRequisition: true,
        preferredSupplier: supplier.id,
      })
    ).id;
    await receive(h(), auto, 6);
    await sell(h(), auto, 2);
    await scan(h());
    await sell(h(), auto, 1);
    await scan(h());
    const [suggestion] = await suggestionsOf(h(), auto, 'all');
    expect(suggestion).toMatchObject({ status: 'open', supplier: supplier.id, suggestedQty: 30 });
    expect(suggestion.requisition?.number).toMatch(/^PR-/);

    const list = (
      await admin.req('GET', `/api/documents/purchase_requisition?source=reorder&warehouse=${h().warehouse.id}`)
    ).json<{ items: DocView[] }>().items;
    const mine = list.filter((r) => (r.data.lines as Array<{ product: string }>).some((l) => l.product === auto));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      id: suggestion.requisition?.id,
      state: 'draft',
      createdBy: 'system',
      data: {
        source: 'reorder',
        warehouse: h().warehouse.id,
        lines: [{ product: auto, qty: 30, suggestedSupplier: supplier.id }],
      },
    });
  });

  it('refuses the scan to roles that do not buy or keep stock', async () => {
    expect((await h().clerk.req('POST', '/api/inventory/replenishment/scan')).statusCode).toBe(403);
  });
});
