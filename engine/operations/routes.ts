// The admin's view of the dead-letter lists: every queue's jobs that used up
// their attempts (or failed unrecoverably), with their error and attempts, and a
// retry with a fresh set of attempts. Works on both queue adapters through the
// queue port.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { AppError } from '../errors';
import type { QueueName } from '../queue/index';

const QUEUES: QueueName[] = ['alerts', 'reports', 'notifications', 'outbox'];

export async function operationsRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['operations'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', requireRole('admin'));

  app.get('/api/operations/dead-letters', { schema: { tags, security } }, async () => {
    const queues = await Promise.all(QUEUES.map(async (queue) => ({ queue, jobs: await app.queue.listFailed(queue) })));
    return {
      queues: queues.map(({ queue, jobs }) => ({
        queue,
        dead: jobs.length,
        jobs: jobs.map((j) => ({
          id: j.id,
          name: j.name,
          attemptsMade: j.attemptsMade,
          error: j.failedReason ?? null,
        })),
      })),
    };
  });

  app.post<{ Params: { queue: QueueName; id: string } }>(
    '/api/operations/dead-letters/:queue/:id/retry',
    {
      schema: {
        tags,
        security,
        params: {
          type: 'object',
          required: ['queue', 'id'],
          properties: { queue: { enum: QUEUES }, id: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (request, reply) => {
      if (!(await app.queue.retryFailed(request.params.queue, request.params.id))) {
        throw new AppError('NOT_FOUND', `No dead job ${request.params.id} on the ${request.params.queue} queue.`);
      }
      return reply.code(202).send({ id: request.params.id, status: 'waiting' });
    },
  );
}
