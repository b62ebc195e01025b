import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApi, orderData } from './harness';

describeApi('GET /api/documents/:type', (h) => {
  const ids: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 10; i++) {
      const doc = await createDoc(
        h().manager,
        'sales_order',
        orderData(h(), [{ qty: i + 1, price: 100 }], {
          orderDate: `2026-11-${String(10 + i).padStart(2, '0')}`,
          remark: i === 3 ? 'rush (a+b)* order' : `order ${i}`,
          customer: i % 2 === 0 ? h().customer.id : h().customerC.id,
        }),
      );
      ids.push(doc.id);
    }
  });

  it('pages with a cursor through a stable order, each row once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `/api/documents/sales_order?sort=total&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await h().manager.req('GET', url);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((d: { id: string }) => d.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(ids);
  });

  it('sorts descending and defaults to newest first', async () => {
    const desc = (await h().manager.req('GET', '/api/documents/sales_order?sort=-total&limit=100')).json().items;
    expect(desc.map((d: { id: string }) => d.id)).toEqual([...ids].reverse());
    const byDate = (await h().manager.req('GET', '/api/documents/sales_order?limit=100')).json().items;
    expect(byDate).toHaveLength(10);
  });

  it('filters by state, listed field and date range', async () => {
    const forC = (await h().manager.req('GET', `/api/documents/sales_order?customer=${h().customerC.id}`)).json().items;
    expect(forC).toHaveLength(5);
    const range = (await h().manager.req('GET', '/api/documents/sales_order?from=2026-11-12&to=2026-11-14')).json()
      .items;
    expect(range.map((d: { data: { orderDate: string } }) => d.data.orderDate).sort()).toEqual([
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
    ]);
    const drafts = (await h().manager.req('GET', '/api/documents/sales_order?state=draft&total=300')).json().items;
    expect(drafts.map((d: { id: string }) => d.id)).toEqual([ids[2]]);
    expect((await h().manager.req('GET', '/api/documents/sales_order?state=approved')).json().items).toHaveLength(0);
  });

  it('searches the search fields with the text taken literally, ignoring case', async () => {
    const hit = (
      await h().manager.req('GET', `/api/documents/sales_order?q=${encodeURIComponent('RUSH (A+B)*')}`)
    ).json().items;
    expect(hit.map((d: { id: string }) => d.id)).toEqual([ids[3]]);
    expect(
      (await h().manager.req('GET', `/api/documents/sales_order?q=${encodeURIComponent('.*')}`)).json().items,
    ).toHaveLength(0);
  });

  it('refuses filters on fields that are not listed or indexed', async () => {
    const res = await h().manager.req('GET', '/api/documents/sales_order?paymentTerms=cash');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_QUERY');
    expect(res.json().errors[0].path).toBe('/querystring/paymentTerms');
    expect((await h().manager.req('GET', '/api/documents/sales_order?sort=remark')).statusCode).toBe(400);
    expect((await h().manager.req('GET', '/api/documents/sales_order?total=abc')).statusCode).toBe(400);
    expect((await h().manager.req('GET', '/api/documents/sales_order?cursor=bogus')).statusCode).toBe(400);
  });

  it.each([
    ['state[$ne]=x', 'state[$ne]'],
    ['q[$where]=sleep(1000)', 'q[$where]'],
    ['$where=1', '$where'],
    ['state=%7B%22%24ne%22%3A%22x%22%7D', 'state'],
    ['state=a&state=b', 'state'],
    ['data.total=1', 'data.total'],
  ])('refuses the injection attempt ?%s with 400 INVALID_QUERY', async (query, param) => {
    const res = await h().manager.req('GET', `/api/documents/sales_order?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_QUERY');
    expect(res.json().detail).toContain(param);
  });
});
