// Prints as PDF (GET …/print/:template?format=pdf): the template's HTML read into
// headings, text and tables, and a sales order's print as an A4 PDF file named
// after its number, whose text layer (pdftotext, as in the report suite) holds
// the customer's Chinese name and the total.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlBlocks } from '../../engine/print/html-blocks';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';

const run = promisify(execFile);

/** pdfinfo's summary (page size in points) and pdftotext's text layer of a PDF (poppler-utils, as .ci/run installs). */
async function readPdf(pdf: Buffer): Promise<{ info: string; text: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-print-pdf-'));
  try {
    const file = path.join(dir, 'p.pdf');
    await writeFile(file, pdf);
    const [info, text] = await Promise.all([run('pdfinfo', [file]), run('pdftotext', ['-layout', file, '-'])]);
    return { info: info.stdout, text: text.stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('print template HTML as blocks', () => {
  it('reads headings, paragraphs and tables with colspan, decoding entities', () => {
    const blocks = htmlBlocks(`<div class="print"><h1>销售订单 Sales Order</h1>
      <table><tr><th>客户</th><td>A &amp; B 茶行</td></tr>
      <tfoot><tr><th colspan="3">合计</th><td class="num">1,500.00</td></tr></tfoot></table>
      <p>备注：<br>早上送货</p><style>p { color: red }</style></div>`);
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: '销售订单 Sales Order' },
      {
        kind: 'table',
        rows: [
          [
            { text: '客户', colspan: 1, header: true, numeric: false },
            { text: 'A & B 茶行', colspan: 1, header: false, numeric: false },
          ],
          [
            { text: '合计', colspan: 3, header: true, numeric: false },
            { text: '1,500.00', colspan: 1, header: false, numeric: true },
          ],
        ],
      },
      { kind: 'text', text: '备注：\n早上送货' },
    ]);
  });
});

describe('GET …/print/:template?format=pdf', () => {
  let t: TestApp;
  let token = '';
  let orderId = '';
  let number = '';

  beforeAll(async () => {
    t = await buildTestApp();
    token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const create = async (type: string, data: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/documents/${type}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { data },
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string; number: string }>();
    };
    const customer = await create('customer', { code: 'C0001', name: '杭州西湖茶叶店' });
    const warehouse = await create('warehouse', { code: 'W01', name: '西湖店' });
    const product = await create('product', { sku: 'P001', name: '龙井茶', unit: '盒', price: 500 });
    const order = await create('sales_order', {
      customer: customer.id,
      warehouse: warehouse.id,
      orderDate: '2026-12-01',
      lines: [{ product: product.id, qty: 3, price: 500 }],
      paid: 2000,
    });
    orderId = order.id;
    number = order.number;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers an A4 PDF named after the order number, with the customer and the total in its text', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/documents/sales_order/${orderId}/print/order?format=pdf`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${number}-order.pdf`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.CI !== 'true' && !(await run('sh', ['-c', 'command -v pdftotext']).catch(() => null))) return;
    const dir = await mkdtemp(path.join(tmpdir(), 'jxc-print-pdf-'));
    try {
      await writeFile(path.join(dir, 'o.pdf'), res.rawPayload);
      const { stdout } = await run('pdftotext', ['-layout', path.join(dir, 'o.pdf'), '-']);
      expect(stdout).toContain('杭州西湖茶叶店');
      expect(stdout).toContain('1,500.00');
      expect(stdout).toContain(number);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers the receipt template on an 80 mm roll as long as its content, with shop, lines, total and paid', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/documents/sales_order/${orderId}/print/receipt?format=pdf&paper=receipt80`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`${number}-receipt.pdf`);
    const { info, text } = await readPdf(res.rawPayload);
    // 80 mm is 226.77 pt; the roll is cut where the content ends, well short of A4's 841.89 pt.
    const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info) ?? [];
    expect(Number(width)).toBeCloseTo(226.77, 1);
    expect(Number(height)).toBeGreaterThan(120);
    expect(Number(height)).toBeLessThan(500);
    expect(info).toMatch(/Pages:\s+1\n/);
    for (const shown of ['西湖店', number, '杭州西湖茶叶店', '龙井茶', '1,500.00', '实收', '2,000.00'])
      expect(text).toContain(shown);
  });

  it('prints the A4 template on A4 unless a receipt roll is asked for', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/documents/sales_order/${orderId}/print/order?format=pdf&paper=a4`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect((await readPdf(res.rawPayload)).info).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts/);
  });

  it('refuses an unknown paper with 400 naming it', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/documents/sales_order/${orderId}/print/receipt?format=pdf&paper=receipt58`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/querystring/paper');
  });

  it('refuses an unknown format with 400', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/documents/sales_order/${orderId}/print/order?format=docx`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(400);
  });
});
