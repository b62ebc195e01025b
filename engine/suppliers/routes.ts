// GET /api/products/:id/supplier-prices → {product, items: SupplierPrice[]}: the
// last price of each supplier for the product (last-prices.ts), cheapest first,
// for those who read purchase orders. Reading the product applies the caller's
// scope first, so a product they may not see answers 404.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { readDocument } from '../documents/index';
import { lastSupplierPrices } from './last-prices';
import { userOf } from '../http/index';

const priceSchema = {
  type: 'object',
  properties: {
    supplier: { type: 'string' },
    name: { type: 'string' },
    code: { type: 'string' },
    rating: { type: ['integer', 'null'] },
    price: { type: 'number' },
    orderDate: { type: 'string', format: 'date' },
    purchaseOrder: {
      type: 'object',
      properties: { id: { type: 'string' }, number: { type: 'string' } },
      required: ['id', 'number'],
    },
    previousPrice: { type: ['number', 'null'] },
    orders: { type: 'integer' },
  },
  required: ['supplier', 'name', 'price', 'orderDate', 'purchaseOrder', 'previousPrice', 'orders'],
} as const;

export async function supplierRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/products/:id/supplier-prices',
    {
      onRequest: [app.authenticate, requireRole('purchaser', 'purchase_manager', 'finance_manager')],
      schema: {
        tags: ['purchasing'],
        summary: 'The last price of each supplier for a product, cheapest first',
        params: {
          type: 'object',
          properties: { id: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } },
          required: ['id'],
        },
        response: {
          200: {
            type: 'object',
            properties: { product: { type: 'string' }, items: { type: 'array', items: priceSchema } },
            required: ['product', 'items'],
          },
        },
      },
    },
    async (request) => {
      const product = await readDocument(app.store, app.definitions, {
        type: 'product',
        id: request.params.id,
        user: userOf(request),
      });
      return { product: product.doc._id, items: await lastSupplierPrices(app.store, request.params.id) };
    },
  );
}
