// The 'documents' plugin: the documents engine's own indexes (events, outbox,
// intents, idempotency keys) and its routes. Its resume sweep and idempotency purge are
// jobs of the engine context (engine/context/builtins.ts, queue `outbox`), so a
// worker process runs them too; each definition's collection indexes are made
// when the definition is published (indexes.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ensureEventIndexes } from './events';
import { ensureIdempotencyIndexes } from './idempotency';
import { ensureIntentIndexes } from './intents';
import { documentRoutes } from './routes';

async function documents(app: FastifyInstance): Promise<void> {
  await ensureEventIndexes(app.store);
  await ensureIdempotencyIndexes(app.store);
  await ensureIntentIndexes(app.store);
  await app.register(documentRoutes);
}

export const documentsPlugin = fp(documents, {
  name: 'documents',
  dependencies: ['store', 'auth', 'definitions'],
  fastify: '5.x',
});
