import { expect, it } from 'vitest';
import { createDoc, describeApi, type Client, type DocView } from '../documents/harness';

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

interface VarianceJson {
  basis: string;
  stocktake: { id: string; number: string; state: string; warehouse: string };
  lines: Array<{
    line: number;
    product: string;
    sku?: string;
    name?: string;
    book: number;
    counted: number;
    variance: number;
  }>;
  totals: { gain: number; loss: number; net: number };
}

describeApi('stocktake variance report', (h) => {
  let stocktake: DocView;
  let frames: string;
  let cases: string;

  it('previews the variance against the current book before posting', async () => {
    const { admin, keeper, warehouse } = h();
    frames = (await createDoc(admin, 'product', { sku: 'VT-001', name: '板材镜架', unit: '副', price: 300 })).id;
    cases = (await createDoc(admin, 'product', { sku: 'VT-002', name: '眼镜盒', unit: '个', price: 10 })).id;
    const supplier = await createDoc(admin, 'supplier', { code: 'S-VT', name: '温州眼镜厂' });
    const receipt = await createDoc(keeper, 'goods_receipt', {
      supplier: supplier.id,
      warehouse: warehouse.id,
      receiptDate: '2026-11-21',
      lines: [
        { product: frames, acceptedQty: 20 },
        { product: cases, acceptedQty: 50 },
      ],
    });
    await transition(keeper, 'goods_receipt', receipt, 'post');
    stocktake = await createDoc(keeper, 'stocktake', {
      warehouse: warehouse.id,
      countDate: '2026-11-30',
      lines: [
        { product: frames, countedQty: 18 },
        { product: cases, countedQty: 52.5 },
      ],
    });
    const res = await keeper.req('GET', `/api/inventory/stocktakes/${stocktake.id}/variance`);
    expect(res.statusCode).toBe(200);
    const report = res.json<VarianceJson>();
    expect(report.basis).toBe('preview');
    expect(report.lines.map((l) => [l.product, l.book, l.counted, l.variance])).toEqual([
      [frames, 20, 18, -2],
      [cases, 50, 52.5, 2.5],
    ]);
  });

  it('reports the variances posting booked, with product names and totals, and moves the book to the count', async () => {
    const { keeper, warehouse } = h();
    const posted = await transition(keeper, 'stocktake', stocktake, 'post');
    expect(posted.state).toBe('posted');
    const report = (await keeper.req('GET', `/api/inventory/stocktakes/${stocktake.id}/variance`)).json<VarianceJson>();
    expect(report).toMatchObject({
      basis: 'posted',
      stocktake: { id: stocktake.id, number: stocktake.number, state: 'posted', warehouse: warehouse.id },
      lines: [
        { line: 0, product: frames, sku: 'VT-001', name: '板材镜架', book: 20, counted: 18, variance: -2 },
        { line: 1, product: cases, sku: 'VT-002', name: '眼镜盒', book: 50, counted: 52.5, variance: 2.5 },
      ],
      totals: { gain: 2.5, loss: -2, net: 0.5 },
    });
    const levels = (await keeper.req('GET', `/api/inventory/levels?warehouse=${warehouse.id}`)).json<
      Array<{ product: string; onHand: number }>
    >();
    expect(
      levels
        .filter((l) => l.product === frames || l.product === cases)
        .map((l) => [l.product, l.onHand])
        .sort(),
    ).toEqual(
      [
        [frames, 18],
        [cases, 52.5],
      ].sort(),
    );
    const ledger = (await keeper.req('GET', `/api/inventory/ledger?product=${frames}&warehouse=${warehouse.id}`)).json<
      Array<{ kind: string; delta: { onHand: number }; ref: { id: string } }>
    >();
    expect(ledger.filter((m) => m.ref.id === stocktake.id).map((m) => [m.kind, m.delta.onHand])).toEqual([
      ['adjust', -2],
    ]);
  });

  it('keeps reporting what was booked after later stock moves', async () => {
    const { admin, keeper, warehouse } = h();
    const supplier = await createDoc(admin, 'supplier', { code: 'S-VT2', name: '厦门镜架' });
    const later = await createDoc(keeper, 'goods_receipt', {
      supplier: supplier.id,
      warehouse: warehouse.id,
      receiptDate: '2026-12-01',
      lines: [{ product: frames, acceptedQty: 7 }],
    });
    await transition(keeper, 'goods_receipt', later, 'post');
    const report = (await keeper.req('GET', `/api/inventory/stocktakes/${stocktake.id}/variance`)).json<VarianceJson>();
    expect(report.lines[0]).toMatchObject({ book: 20, counted: 18, variance: -2 });
  });

  it('refuses a role that may not read stocktakes (403) and an unknown stocktake (404)', async () => {
    expect((await h().clerk.req('GET', `/api/inventory/stocktakes/${stocktake.id}/variance`)).statusCode).toBe(403);
    expect(
      (await h().keeper.req('GET', '/api/inventory/stocktakes/0123456789abcdef01234567/variance')).statusCode,
    ).toBe(404);
  });
});
