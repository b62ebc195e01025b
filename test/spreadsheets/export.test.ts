import { beforeAll, expect, it } from 'vitest';
import { describeHttp, readRows, upload, XLSX } from './http';

describeHttp('GET /api/documents/:type/export', (s) => {
  const orders: Record<string, string> = {};

  beforeAll(async () => {
    const { admin, clerk, clerk2 } = s();
    const create = async (user = admin, type: string, data: Record<string, unknown>) => {
      const res = await user.json<{ id: string; number: string }>('POST', `/api/documents/${type}`, { data });
      expect(res.status).toBe(201);
      return res.body;
    };
    const warehouse = await create(admin, 'warehouse', { code: 'W01', name: '上海总仓' });
    const customer = await create(admin, 'customer', { code: 'C001', name: '明亮眼镜', creditLevel: 'B' });
    await create(admin, 'product', {
      sku: 'EXP-002',
      name: '防蓝光镜片',
      unit: '片',
      price: 320.5,
      tracksBatches: true,
    });
    const frame = await create(admin, 'product', { sku: 'EXP-001', name: '钛合金镜架', unit: '副', price: 880 });
    const order = {
      customer: customer.id,
      warehouse: warehouse.id,
      orderDate: '2026-11-20',
      lines: [{ product: frame.id, qty: 1 }],
    };
    orders.clerk = (await create(clerk, 'sales_order', order)).number;
    orders.clerk2 = (await create(clerk2, 'sales_order', { ...order, orderDate: '2026-11-21' })).number;
  });

  it('exports the list columns with zh-CN titles by default, and reads back the same rows', async () => {
    const res = await s().clerk.get('/api/documents/product/export?sort=sku');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toContain('product.xlsx');
    const rows = await readRows(await res.arrayBuffer());
    expect(rows[0]).toEqual(['商品编码（SKU）', '商品名称', '单位', '分类', '销售价', '安全库存', '状态']);
    expect(rows.slice(1)).toEqual([
      ['EXP-001', '钛合金镜架', '副', undefined, 880, 0, '启用'],
      ['EXP-002', '防蓝光镜片', '片', undefined, 320.5, 0, '启用'],
    ]);
  });

  it('gives a sheet that imports again: every cell parses, only the existing SKUs are refused', async () => {
    const file = Buffer.from(await (await s().admin.get('/api/documents/product/export?sort=sku')).arrayBuffer());
    const res = await upload(s().admin, 'product', file, '?dryRun=true');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ imported: 0, ignoredColumns: ['状态'] });
    expect((res.body.errors as Array<{ row: number; field: string }>).map((e) => [e.row, e.field])).toEqual([
      [2, 'sku'],
      [3, 'sku'],
    ]);
  });

  it('titles columns in English for Accept-Language en, and honours the list filters', async () => {
    const res = await s().clerk.get('/api/documents/product/export?sku=EXP-002', {
      'accept-language': 'en-US,en;q=0.8',
    });
    const rows = await readRows(await res.arrayBuffer());
    expect(rows[0]).toEqual(['SKU', 'Product name', 'Unit', 'Category', 'Sales price', 'Safety stock', 'State']);
    expect(rows.slice(1)).toEqual([['EXP-002', '防蓝光镜片', '片', undefined, 320.5, 0, 'Active']]);
  });

  it("shows only the caller's own orders to a clerk with own-only read, references by code", async () => {
    const mine = await readRows(await (await s().clerk.get('/api/documents/sales_order/export')).arrayBuffer());
    expect(mine[0]).toEqual(['单号', '客户', '下单日期', '交货日期', '优先级', '订单总额', '状态', '创建时间']);
    // Priority by the customer's credit level (no delivery date): 1 most urgent … 5.
    expect(mine.slice(1).map((r) => r.slice(0, 7))).toEqual([
      [orders.clerk, 'C001', '2026-11-20', undefined, expect.any(Number), 880, '新建'],
    ]);
    expect(mine[1][7]).toBeInstanceOf(Date);
    const all = await readRows(
      await (await s().manager.get('/api/documents/sales_order/export?sort=number')).arrayBuffer(),
    );
    expect(all.slice(1).map((r) => r[0])).toEqual([orders.clerk, orders.clerk2].sort());
  });

  it('pages through more rows than one list page holds', async () => {
    const { admin } = s();
    for (let i = 0; i < 105; i++) {
      expect(
        (
          await admin.json('POST', '/api/documents/supplier', {
            data: { code: `S${String(i).padStart(3, '0')}`, name: `供应商 ${i}` },
          })
        ).status,
      ).toBe(201);
    }
    const rows = await readRows(await (await admin.get('/api/documents/supplier/export?sort=code')).arrayBuffer());
    expect(rows.length).toBe(106);
    expect(rows[105][0]).toBe('S104');
  });

  it('refuses query operators and unknown filters like the list does', async () => {
    expect((await s().clerk.get('/api/documents/product/export?sku[$ne]=x')).status).toBe(400);
    expect((await s().clerk.get('/api/documents/product/export?colour=red')).status).toBe(400);
  });
});
