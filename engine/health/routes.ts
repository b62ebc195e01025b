import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' }, store: { type: 'string' }, queue: { type: 'string' } },
            required: ['status', 'store', 'queue'],
          },
          503: {
            type: 'object',
            properties: { status: { type: 'string' }, store: { type: 'string' }, queue: { type: 'string' } },
          },
        },
      },
    },
    async (_request, reply) => {
      const [storeOk, queueOk] = await Promise.all([app.store.ping(), app.queue.ping()]);
      const body = { status: storeOk && queueOk ? 'ok' : 'degraded', store: app.store.kind, queue: app.queue.kind };
      return reply.code(storeOk && queueOk ? 200 : 503).send(body);
    },
  );
}
