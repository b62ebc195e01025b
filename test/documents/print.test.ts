import { expect, it } from 'vitest';
import { createDoc, describeApi, orderData } from './harness';

describeApi('GET /api/documents/:type/:id/print/:template', (h) => {
  it('renders the sales order template with number, customer, total and the amount in 人民币大写', async () => {
    const doc = await createDoc(
      h().clerk,
      'sales_order',
      orderData(h(), [
        { qty: 3, price: 1234.5 },
        { qty: 1, price: 0.02 },
      ]),
    );
    const res = await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/print/order`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain(doc.number);
    expect(html).toContain('上海明亮眼镜有限公司');
    expect(html).toContain('3,703.52');
    expect(html).toContain('叁仟柒佰零叁元伍角贰分');
    expect(html).toContain('钛合金镜架');
  });

  it('escapes document data in the page', async () => {
    const doc = await createDoc(
      h().clerk,
      'sales_order',
      orderData(h(), [{ qty: 1, price: 1 }], { remark: '<script>alert(1)</script>' }),
    );
    const html = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/print/order`)).body;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('answers 404 for an unknown template and for a message template', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 1 }]));
    expect((await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/print/nope`)).statusCode).toBe(404);
    expect((await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/print/submitted`)).statusCode).toBe(404);
  });
});
