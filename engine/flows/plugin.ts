// Documents made from documents: the `document.create` effect (an order's
// delivery) and GET /api/documents/:type/:id/links, which lists what a document
// created and what created it. The caller must be able to read the document
// asked about; the linked ones are named (type, id, number), not shown, and only
// those the caller may read are named at all (a delivery does not give a clerk
// the number of another clerk's order).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { documentsCollection, readDocument, referenceScope, docParams } from '../documents/index';
import { ensureLinkIndexes, linksOf } from './links';
import { userOf } from '../http/index';

const linkSchema = {
  type: 'object',
  properties: {
    relation: { type: 'string', enum: ['created', 'created_by'] },
    type: { type: 'string' },
    id: { type: 'string' },
    number: { type: 'string' },
    via: {
      type: 'object',
      properties: { effect: { type: 'string' }, event: { type: 'string' }, transition: { type: 'string' } },
    },
    at: { type: 'string', format: 'date-time' },
  },
  required: ['relation', 'type', 'id', 'number'],
} as const;

async function flows(app: FastifyInstance): Promise<void> {
  // The `document.create` effect itself is registered with the engine (flows/contribution.ts).
  await ensureLinkIndexes(app.store);

  app.get<{ Params: { type: string; id: string } }>(
    '/api/documents/:type/:id/links',
    {
      onRequest: [app.authenticate],
      schema: {
        tags: ['documents'],
        security: [{ bearerAuth: [] }],
        params: docParams,
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: linkSchema } } } },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { doc } = await readDocument(app.store, app.definitions, { ...request.params, user });
      const scope = referenceScope(app.definitions, user);
      const items = [];
      for (const link of await linksOf(app.store, doc.type, doc._id)) {
        const filter = await scope(link.type);
        const byId = { _id: link.id };
        if (await documentsCollection(app.store, link.type).findOne(filter ? { $and: [byId, filter] } : byId))
          items.push(link);
      }
      return { items };
    },
  );
}

export const flowsPlugin = fp(flows, { name: 'flows', dependencies: ['store', 'auth', 'definitions'], fastify: '5.x' });
