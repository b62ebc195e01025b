// Order flows over HTTP (issue 17): order again, order templates, customer 360.
// Handlers parse and call one function each (order-again.ts, overview.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { documentSchema } from '../documents/index';
import { orderAgain, orderFromTemplate, saveAsTemplate, type AgainDeps } from './order-again';
import { customerOverview } from './overview';
import { userOf } from '../http/index';

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['id'],
} as const;

const againLine = {
  type: 'object',
  properties: {
    product: { type: 'string' },
    qty: { type: 'number' },
    unit: { type: 'string' },
    price: { type: 'number', description: "Today's price (per the line's unit)" },
    discount: { type: 'number' },
    previousPrice: { type: 'number', description: 'The price on the order copied from' },
    previousDiscount: { type: 'number' },
  },
} as const;

const againResult = {
  type: 'object',
  properties: {
    order: { $ref: 'Document#' },
    from: {
      type: 'object',
      properties: { type: { type: 'string' }, id: { type: 'string' }, number: { type: 'string' } },
    },
    lines: { type: 'array', items: againLine },
  },
} as const;

const summary = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    number: { type: 'string' },
    state: { type: 'string' },
    date: { type: 'string' },
    total: { type: 'number' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const docGroup = {
  type: 'object',
  properties: {
    readable: { type: 'boolean' },
    count: { type: 'integer' },
    byState: { type: 'object', additionalProperties: { type: 'integer' } },
    recent: { type: 'array', items: summary },
  },
} as const;

const overviewSchema = {
  type: 'object',
  properties: {
    customer: { type: 'object', additionalProperties: true },
    orders: docGroup,
    quotations: docGroup,
    returns: docGroup,
    afterSales: docGroup,
    balance: {
      type: 'object',
      properties: { balance: { type: 'number' }, overdue: { type: 'number' }, credit: { type: 'number' } },
      additionalProperties: true,
    },
    topProducts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          product: { type: 'string' },
          sku: { type: 'string' },
          name: { type: 'string' },
          qty: { type: 'number', description: "In the product's base unit" },
          unit: { type: 'string' },
          amount: { type: 'number' },
          orders: { type: 'integer' },
        },
      },
    },
  },
} as const;

export async function salesRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['sales'];
  const security = [{ bearerAuth: [] }];
  const deps = (request: FastifyRequest): AgainDeps => ({
    store: app.store,
    registry: app.definitions,
    engine: app.engine,
    log: request.log,
  });
  if (!app.getSchema('Document')) app.addSchema(documentSchema);
  app.addHook('onRequest', app.authenticate);

  app.post<{ Params: { id: string } }>(
    '/api/sales/orders/:id/reorder',
    { schema: { tags, security, params: idParams, response: { 201: againResult } } },
    async (request, reply) =>
      reply.code(201).send(await orderAgain(deps(request), { id: request.params.id, user: userOf(request) })),
  );

  app.post<{ Params: { id: string }; Body: { name: string } }>(
    '/api/sales/orders/:id/template',
    {
      schema: {
        tags,
        security,
        params: idParams,
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, maxLength: 60 } },
          required: ['name'],
          additionalProperties: false,
        },
        response: { 201: { $ref: 'Document#' } },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await saveAsTemplate(deps(request), {
          id: request.params.id,
          user: userOf(request),
          name: request.body.name,
        }),
      ),
  );

  app.post<{ Params: { id: string }; Body: { deliveryDate?: string } | undefined }>(
    '/api/sales/order-templates/:id/orders',
    {
      schema: {
        tags,
        security,
        params: idParams,
        body: {
          type: 'object',
          properties: { deliveryDate: { type: 'string', format: 'date' } },
          additionalProperties: false,
        },
        response: { 201: againResult },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await orderFromTemplate(deps(request), {
          id: request.params.id,
          user: userOf(request),
          deliveryDate: request.body?.deliveryDate,
        }),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/api/customers/:id/overview',
    { schema: { tags, security, params: idParams, response: { 200: overviewSchema } } },
    async (request) =>
      customerOverview(app.store, app.definitions, {
        id: request.params.id,
        user: userOf(request),
        today: app.engine.clock().toISOString().slice(0, 10),
      }),
  );
}
