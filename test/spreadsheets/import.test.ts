import { beforeAll, expect, it } from 'vitest';
import { describeHttp, upload, workbook, type User } from './http';

interface Doc {
  id: string;
  number: string;
  createdBy: string;
  data: Record<string, unknown> & { lines?: Array<Record<string, unknown>> };
}

async function list(user: User, type: string, query = ''): Promise<Doc[]> {
  const { body } = await user.json<{ items: Doc[] }>('GET', `/api/documents/${type}?limit=100${query}`);
  return body.items;
}

describeHttp('POST /api/documents/:type/import', (s) => {
  beforeAll(async () => {
    const { admin } = s();
    expect(
      (await admin.json('POST', '/api/documents/warehouse', { data: { code: 'W01', name: '上海总仓' } })).status,
    ).toBe(201);
    expect(
      (
        await admin.json('POST', '/api/documents/customer', {
          data: { code: 'C001', name: '明亮眼镜', priceGroup: 'wholesale' },
        })
      ).status,
    ).toBe(201);
  });

  it('imports products from zh-CN headers, converting numbers and ignoring unknown columns', async () => {
    const file = await workbook([
      ['商品编码（SKU）', '商品名称', '单位', '销售价', '分类', '批次管理', '库存状态'],
      ['IMP-001', '钛合金镜架', '副', 880, '镜架', '否', '正常'],
      ['IMP-002', '防蓝光镜片', '片', '320.50', '镜片', '是', '正常'],
    ]);
    const res = await upload(s().manager, 'product', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 2, errors: [], ignoredColumns: ['库存状态'] });
    const products = await list(s().manager, 'product', '&q=IMP-');
    expect(products.map((p) => p.data).sort((a, b) => String(a.sku).localeCompare(String(b.sku)))).toEqual([
      expect.objectContaining({
        sku: 'IMP-001',
        name: '钛合金镜架',
        price: 880,
        category: '镜架',
        tracksBatches: false,
      }),
      expect.objectContaining({ sku: 'IMP-002', name: '防蓝光镜片', price: 320.5, tracksBatches: true }),
    ]);
  });

  it('accepts English titles and field keys, and a multipart upload', async () => {
    const file = await workbook([
      ['SKU', 'Product name', 'unit', 'Sales price'],
      ['IMP-EN-1', 'Sunglasses', 'pc', 99],
    ]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'products.xlsx');
    const res = await s().manager.post('/api/documents/product/import', form);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 1, errors: [] });
  });

  it('with ?dryRun=true checks every row and writes nothing', async () => {
    const file = await workbook([
      ['sku', 'name', 'unit'],
      ['DRY-001', '试算', '个'],
    ]);
    const res = await upload(s().manager, 'product', file, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 0, valid: 1, errors: [], documents: [] });
    expect(await list(s().manager, 'product', '&q=DRY-')).toEqual([]);
  });

  it('imports nothing when one row is invalid, and names the row and the field', async () => {
    const file = await workbook([
      ['商品编码（SKU）', '商品名称', '单位', '销售价'],
      ['BAD-001', '好的一行', '副', 10],
      ['BAD-002', '', '副', 'abc'],
      ['IMP-001', '已存在的编码', '副', 10],
    ]);
    const res = await upload(s().manager, 'product', file);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', imported: 0 });
    const errors = res.body.errors as Array<{ row: number; field: string; column?: string; message: string }>;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'name', column: '商品名称' }),
        expect.objectContaining({
          row: 3,
          field: 'price',
          column: '销售价',
          message: expect.stringContaining('number'),
        }),
        expect.objectContaining({ row: 4, field: 'sku', message: expect.stringContaining('已存在') }),
      ]),
    );
    expect(errors.some((e) => e.row === 2)).toBe(false);
    expect(await list(s().manager, 'product', '&q=BAD-')).toEqual([]);
  });

  it('with ?partial=true imports the valid rows and reports the others', async () => {
    const file = await workbook([
      ['sku', 'name', 'unit', 'price'],
      ['PART-001', '镜布', '块', 5],
      ['PART-001', '重复的编码', '块', 5],
      ['PART-003', '镜盒', '个', -1],
    ]);
    const res = await upload(s().manager, 'product', file, '?partial=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 1, documents: [expect.objectContaining({ row: 2 })] });
    expect((res.body.errors as Array<{ row: number; field: string }>).map((e) => [e.row, e.field])).toEqual([
      [3, 'sku'],
      [4, 'price'],
    ]);
    expect((await list(s().manager, 'product', '&q=PART-')).map((p) => p.data.sku)).toEqual(['PART-001']);
  });

  it('groups sales order rows by reference, resolving customer, warehouse and product codes', async () => {
    const file = await workbook([
      ['参考号', '客户', '发货仓库', '下单日期', '付款条件', '商品', '数量', '单价'],
      ['A', 'C001', 'W01', new Date(Date.UTC(2026, 10, 20)), '月结 30 天', 'IMP-001', 2, 900],
      ['A', '', '', '', '', 'IMP-002', 3, ''],
      ['B', 'C001', 'W01', '2026-11-21', 'cash', 'IMP-002', 1, 400],
    ]);
    const res = await upload(s().clerk, 'sales_order', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 2, errors: [] });
    const orders = (await list(s().clerk, 'sales_order')).sort((a, b) =>
      String(a.data.orderDate).localeCompare(String(b.data.orderDate)),
    );
    expect(orders.map((o) => o.createdBy)).toEqual([s().clerk.id, s().clerk.id]);
    expect(orders[0].number).toMatch(/^SO-/);
    expect(orders[0].data).toMatchObject({ orderDate: '2026-11-20', paymentTerms: 'net30', total: 2761.5 });
    // Row 2 left the price empty: the server filled the product's price (320.50).
    expect(orders[0].data.lines?.map((l) => [l.qty, l.price, l.amount])).toEqual([
      [2, 900, 1800],
      [3, 320.5, 961.5],
    ]);
    expect(orders[1].data).toMatchObject({ orderDate: '2026-11-21', paymentTerms: 'cash', total: 400 });
  });

  it('refuses an order whose product code is unknown, naming the row and the line field', async () => {
    const file = await workbook([
      ['ref', 'Customer', 'Warehouse', 'Order date', 'Product', 'Quantity'],
      ['X', 'C001', 'W01', '2026-11-22', 'IMP-001', 1],
      ['X', '', '', '', 'NO-SUCH-SKU', 1],
      ['Y', 'C999', 'W01', '2026-11-22', 'IMP-001', 1],
    ]);
    const res = await upload(s().clerk, 'sales_order', file, '', { 'accept-language': 'en' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'lines.product',
        column: 'Product',
        message: 'no product "NO-SUCH-SKU"',
      }),
      expect.objectContaining({
        row: 4,
        field: 'customer',
        column: 'Customer',
        message: expect.stringContaining('C999'),
      }),
    ]);
    expect(await list(s().clerk, 'sales_order', '&orderDate=2026-11-22')).toEqual([]);
  });

  it('refuses a caller who may not create the type with 403, and a non-xlsx body with 400', async () => {
    const file = await workbook([
      ['sku', 'name', 'unit'],
      ['NOPE-1', 'x', 'y'],
    ]);
    expect((await upload(s().clerk, 'product', file)).status).toBe(403);
    expect((await upload(s().manager, 'product', Buffer.from('not a workbook'))).status).toBe(400);
  });
});
