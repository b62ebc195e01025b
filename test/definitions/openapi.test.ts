import { expect, it } from 'vitest';
import { ticketDefinition } from '../documents/fixtures';
import { describeApi } from '../documents/harness';

describeApi('OpenAPI', (h) => {
  it('serves /openapi.json with the documents API and a schema per definition', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\.1/);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/documents/{type}',
        '/api/documents/{type}/{id}/transitions/{key}',
        '/api/definitions/{key}',
      ]),
    );
    const schemas = spec.components.schemas;
    expect(schemas.Document.properties.number).toBeDefined();
    expect(schemas.sales_order.properties.lines.items.properties.qty.type).toBe('number');
    expect(schemas.customer.properties.creditLevel).toBeDefined();
  });

  it('adds a newly published definition without a restart', async () => {
    expect((await h().admin.req('PUT', '/api/definitions/ticket', ticketDefinition())).statusCode).toBe(201);
    const spec = (await h().app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.components.schemas.ticket.required).toEqual(['title', 'region']);
  });

  it('serves the UI at /docs', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const json = await h().app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.json().components.schemas.sales_order).toBeDefined();
  });
});
