import fp from 'fastify-plugin';
import type { Store } from './types';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Decorates the app with an already-opened store and closes it with the app. */
export const storePlugin = fp<{ store: Store }>(
  async (app, { store }) => {
    app.decorate('store', store);
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'store' },
);
