// Documents made from documents: the `document.create` effect (an order's
// delivery) and GET /api/documents/:type/:id/links, which lists what a document
// created and what created it. The caller must be able to read the document
// asked about; the linked ones are named (type, id, number), not shown.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthUser } from '../auth/index';
import { readDocument, docParams } from '../documents/index';
import { AppError } from '../errors';
import { ensureLinkIndexes, linksOf } from './links';

const userOf = (request: FastifyRequest): AuthUser => {
  const user = request.user as AuthUser | undefined;
  if (!user) throw new AppError('UNAUTHORIZED');
  return user;
};

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
      const { doc } = await readDocument(app.store, app.definitions, { ...request.params, user: userOf(request) });
      return { items: await linksOf(app.store, doc.type, doc._id) };
    },
  );
}

export const flowsPlugin = fp(flows, { name: 'flows', dependencies: ['store', 'auth', 'definitions'], fastify: '5.x' });
