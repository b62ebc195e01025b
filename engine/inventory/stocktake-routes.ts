// GET /api/inventory/stocktakes/:id/variance: the variance report of a stocktake
// (variance.ts). Whoever may read the stocktake document may read its report.
import type { FastifyInstance } from 'fastify';
import { readDocument, idParam } from '../documents/index';
import { stocktakeVariance } from './variance';
import { userOf } from '../http/index';

const lineSchema = {
  type: 'object',
  properties: {
    line: { type: 'integer' },
    product: { type: 'string' },
    sku: { type: 'string' },
    name: { type: 'string' },
    batch: { type: 'string' },
    book: { type: 'number' },
    counted: { type: 'number' },
    variance: { type: 'number', description: 'counted − book: negative is a loss (盘亏), positive a gain (盘盈)' },
  },
  required: ['line', 'product', 'book', 'counted', 'variance'],
} as const;

const reportSchema = {
  type: 'object',
  properties: {
    stocktake: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        number: { type: 'string' },
        state: { type: 'string' },
        warehouse: { type: 'string' },
        countDate: { type: 'string' },
      },
    },
    basis: {
      type: 'string',
      enum: ['posted', 'preview'],
      description: 'posted: as booked by posting; preview: against the current book',
    },
    lines: { type: 'array', items: lineSchema },
    totals: {
      type: 'object',
      properties: { gain: { type: 'number' }, loss: { type: 'number' }, net: { type: 'number' } },
    },
  },
} as const;

export async function stocktakeRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/inventory/stocktakes/:id/variance',
    {
      onRequest: [app.authenticate],
      schema: {
        tags: ['inventory'],
        security: [{ bearerAuth: [] }],
        params: { type: 'object', properties: { id: idParam }, required: ['id'], additionalProperties: false },
        response: { 200: reportSchema },
      },
    },
    async (request) => {
      const { doc } = await readDocument(app.store, app.definitions, {
        type: 'stocktake',
        id: request.params.id,
        user: userOf(request),
      });
      return stocktakeVariance(app.store, doc);
    },
  );
}
