// The admin's view of the queues: each queue's counts (waiting, active, delayed,
// failed and retrying, dead), the dead-letter lists — jobs that used up their
// attempts or failed unrecoverably, with their error and attempts — and, per
// dead job, a retry with a fresh set of attempts or a discard. Works on both
// queue adapters through the queue port; with BullMQ, bull-board is mounted
// beside it (board.ts).
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { type AppError } from '../errors';
import { messageError } from '../messages/index';
import { QUEUE_NAMES, type BullmqQueuePort, type QueueName } from '../queue/index';
import { BOARD_PATH, boardSessionCookie, mountBoard } from './board';

const deadJobParams = {
  type: 'object',
  required: ['queue', 'id'],
  properties: { queue: { enum: QUEUE_NAMES }, id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const notDead = (queue: string, id: string): AppError => messageError('NOT_FOUND.dead_job', { queue, id });

async function adminRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['operations'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', requireRole('admin'));

  app.get('/api/operations/queues', { schema: { tags, security } }, async () => ({
    kind: app.queue.kind,
    board: app.queue.kind === 'bullmq' ? BOARD_PATH : null,
    queues: await Promise.all(QUEUE_NAMES.map(async (queue) => ({ queue, ...(await app.queue.counts(queue)) }))),
  }));

  app.get('/api/operations/dead-letters', { schema: { tags, security } }, async () => {
    const queues = await Promise.all(
      QUEUE_NAMES.map(async (queue) => ({ queue, jobs: await app.queue.listFailed(queue) })),
    );
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
    { schema: { tags, security, params: deadJobParams } },
    async (request, reply) => {
      const { queue, id } = request.params;
      if (!(await app.queue.retryFailed(queue, id))) throw notDead(queue, id);
      return reply.code(202).send({ id, status: 'waiting' });
    },
  );

  app.delete<{ Params: { queue: QueueName; id: string } }>(
    '/api/operations/dead-letters/:queue/:id',
    { schema: { tags, security, params: deadJobParams } },
    async (request, reply) => {
      const { queue, id } = request.params;
      if (!(await app.queue.discardFailed(queue, id))) throw notDead(queue, id);
      return reply.code(204).send();
    },
  );

  if (onBullmq(app.queue)) {
    app.post('/api/operations/board-session', { schema: { tags, security } }, async (request, reply) => {
      boardSessionCookie(request, reply, app.authContext.now().getTime());
      return reply.code(204).send();
    });
  }
}

const onBullmq = (queue: FastifyInstance['queue']): queue is BullmqQueuePort =>
  queue.kind === 'bullmq' && 'bullQueues' in queue;

export async function operationsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(adminRoutes);
  if (onBullmq(app.queue)) await mountBoard(app, app.queue);
}
