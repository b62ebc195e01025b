import fp from 'fastify-plugin';
import type { QueuePort } from './types';

declare module 'fastify' {
  interface FastifyInstance {
    queue: QueuePort;
  }
}

/** Decorates the app with an opened queue; closed before the store (hooks run in reverse). */
export const queuePlugin = fp<{ queue: QueuePort }>(
  async (app, { queue }) => {
    app.decorate('queue', queue);
    app.addHook('onClose', async () => {
      await queue.close();
    });
  },
  { name: 'queue', dependencies: ['store'] },
);
