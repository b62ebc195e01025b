// /openapi.json describes each published type's document operations with the
// type's own data schema, so a client sees what a sales order looks like.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketDefinition } from '../documents/fixtures';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';

interface Schema {
  $ref?: string;
  type?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  enum?: string[];
}
interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  parameters: Array<{ name: string; schema: Schema }>;
  requestBody: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content: Record<string, { schema: Schema }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
  tags: Array<{ name: string; description: string }>;
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('OpenAPI per-type document operations', () => {
  let t: TestApp;
  let spec: Spec;
  const jsonBody = (op: Operation) => op.requestBody.content['application/json'].schema;
  const jsonAnswer = (op: Operation, status: number) => op.responses[status].content['application/json'].schema;

  beforeAll(async () => {
    t = await buildTestApp();
    spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<Spec>();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a sales order with the sales_order data schema and answers a sales_order document', () => {
    const create = spec.paths['/api/documents/sales_order'].post;
    expect(create.operationId).toBe('create_sales_order');
    expect(create.tags).toEqual(['sales_order']);
    expect(jsonBody(create)).toMatchObject({
      required: ['data'],
      properties: { data: { $ref: '#/components/schemas/sales_order' } },
    });
    const created = jsonAnswer(create, 201);
    expect(created.allOf).toEqual([
      { $ref: '#/components/schemas/Document' },
      expect.objectContaining({
        properties: expect.objectContaining({ data: { $ref: '#/components/schemas/sales_order' } }),
      }),
    ]);
    const schema = spec.components.schemas.sales_order;
    expect(schema.required).toEqual(expect.arrayContaining(['customer', 'orderDate', 'warehouse', 'lines']));
    expect(schema.properties?.lines.items?.properties?.qty.type).toBe('number');
  });

  it("lists with the type's states as the state filter, and gets and patches by id", () => {
    const list = spec.paths['/api/documents/sales_order'].get;
    const state = list.parameters.find((p) => p.name === 'state');
    expect(state?.schema.enum).toEqual([
      'draft',
      'pending_review',
      'approved',
      'shipped',
      'completed',
      'cancelled',
      'closed',
    ]);
    expect(jsonAnswer(list, 200).properties?.items.items?.allOf?.[1].properties?.data).toEqual({
      $ref: '#/components/schemas/sales_order',
    });
    const one = spec.paths['/api/documents/sales_order/{id}'];
    expect(jsonAnswer(one.get, 200).allOf?.[1].properties?.data.$ref).toBe('#/components/schemas/sales_order');
    const patch = jsonBody(one.patch);
    expect(patch.required).toEqual(['data', 'version']);
    // A merge patch: nothing is required at the top, the fields are the type's.
    expect(patch.properties?.data.required).toBeUndefined();
    expect(Object.keys(patch.properties?.data.properties ?? {})).toEqual(
      Object.keys(spec.components.schemas.sales_order.properties ?? {}),
    );
  });

  it('has one operation per transition, requiring what the transition requires', () => {
    const submit = spec.paths['/api/documents/sales_order/{id}/transitions/submit'].post;
    expect(submit.operationId).toBe('sales_order_submit');
    expect(submit.summary).toContain('draft → approved (with approval)');
    expect(jsonBody(submit).required).toEqual(['version']);
    const cancel = spec.paths['/api/documents/sales_order/{id}/transitions/cancel'].post;
    expect(jsonBody(cancel).required).toEqual(['version', 'reason']);
  });

  it('covers every built-in type, tagged with its title, and keeps the generic routes', () => {
    for (const key of [
      'customer',
      'supplier',
      'product',
      'warehouse',
      'sales_order',
      'purchase_order',
      'goods_receipt',
      'stock_transfer',
      'stocktake',
    ]) {
      expect(spec.paths[`/api/documents/${key}`]?.post, key).toBeDefined();
    }
    expect(spec.tags).toEqual(
      expect.arrayContaining([{ name: 'sales_order', description: expect.stringContaining('销售订单 / Sales order') }]),
    );
    expect(spec.paths['/api/documents/{type}'].post).toBeDefined();
  });

  it('has no dangling $ref', () => {
    const missing = refsIn(spec.paths).filter((ref) => {
      const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      return !name || spec.components.schemas[name] === undefined;
    });
    expect(missing).toEqual([]);
  });

  it("adds a newly published type, in /openapi.json and in the UI's /docs/json", async () => {
    const admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const published = await t.app.inject({
      method: 'PUT',
      url: '/api/definitions/ticket',
      headers: { authorization: `Bearer ${admin}` },
      payload: ticketDefinition(),
    });
    expect(published.statusCode, published.body).toBe(201);
    const fresh = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<Spec>();
    expect(jsonBody(fresh.paths['/api/documents/ticket'].post).properties?.data.$ref).toBe(
      '#/components/schemas/ticket',
    );
    await t.app.inject({ method: 'GET', url: '/docs/' });
    const ui = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<Spec>();
    expect(ui.paths['/api/documents/ticket']).toBeDefined();
    expect(ui.paths['/api/documents/sales_order'].post.operationId).toBe('create_sales_order');
  });
});
