import { beforeAll, expect, it } from 'vitest';
import { createDoc, describeApi } from './harness';
import { ticketDefinition } from './fixtures';

describeApi('permissions from definitions', (h) => {
  const tickets: Record<string, { id: string }> = {};
  beforeAll(async () => {
    const published = await h().admin.req('PUT', '/api/definitions/ticket', ticketDefinition());
    if (published.statusCode !== 201) throw new Error(`publish failed: ${published.body}`);
    tickets.clerkNorth = await createDoc(h().clerk, 'ticket', { title: 'clerk north', region: 'north' });
    tickets.clerkSouth = await createDoc(h().clerk, 'ticket', { title: 'clerk south', region: 'south' });
    tickets.clerk2North = await createDoc(h().clerk2, 'ticket', { title: 'clerk2 north', region: 'north' });
    tickets.adminSouth = await createDoc(h().admin, 'ticket', { title: 'admin south', region: 'south' });
  });

  const titles = async (c: ReturnType<typeof h>['clerk'], query = '') =>
    (
      (await c.req('GET', `/api/documents/ticket?sort=number${query}`)).json().items as Array<{
        data: { title: string };
      }>
    ).map((d) => d.data.title);

  it('shows an own-only reader just their documents in lists', async () => {
    expect(await titles(h().clerk)).toEqual(['clerk north', 'clerk south']);
    expect(await titles(h().clerk2)).toEqual(['clerk2 north']);
  });

  it('filters a row-filtered list in the query, so pages are full', async () => {
    expect(await titles(h().manager)).toEqual(['clerk north', 'clerk2 north']);
    const page = (await h().manager.req('GET', '/api/documents/ticket?sort=number&limit=1')).json();
    expect(page.items).toHaveLength(1);
    const next = (
      await h().manager.req(
        'GET',
        `/api/documents/ticket?sort=number&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`,
      )
    ).json();
    expect(next.items.map((d: { data: { title: string } }) => d.data.title)).toEqual(['clerk2 north']);
    expect(next.nextCursor).toBeNull();
  });

  it('lets admin read everything', async () => {
    expect(await titles(h().admin)).toHaveLength(4);
  });

  it('answers 404 for a document outside the read scope, on every document route', async () => {
    const id = tickets.clerkSouth.id;
    for (const [method, url, body] of [
      ['GET', `/api/documents/ticket/${id}`],
      ['GET', `/api/documents/ticket/${id}?asOf=1`],
      ['GET', `/api/documents/ticket/${id}/history`],
      ['GET', `/api/documents/ticket/${id}/print/slip`],
      ['PATCH', `/api/documents/ticket/${id}`, { version: 1, data: { title: 'x' } }],
      ['POST', `/api/documents/ticket/${id}/transitions/close`, { version: 1 }],
    ] as const) {
      expect((await h().clerk2.req(method, url, body)).statusCode, `${method} ${url} as clerk2`).toBe(404);
      expect((await h().manager.req(method, url, body)).statusCode, `${method} ${url} as manager (north only)`).toBe(
        404,
      );
    }
    expect((await h().clerk.req('GET', `/api/documents/ticket/${id}`)).statusCode).toBe(200);
    expect((await h().clerk.req('GET', `/api/documents/ticket/${id}/print/slip`)).statusCode).toBe(200);
  });

  it('refuses a role with no read permission on the type with 403', async () => {
    const res = await h().keeper.req('GET', '/api/documents/ticket');
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('ticket');
    expect(
      (await h().keeper.req('POST', '/api/documents/ticket', { data: { title: 't', region: 'north' } })).statusCode,
    ).toBe(403);
  });
});
