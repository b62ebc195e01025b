// The queue contract on the inline adapter over the MongoDB store (MONGODB_URI
// without REDIS_URL runs jobs this way), against FerretDB from the test set-up.
import { describe } from 'vitest';
import { createInlineQueue } from '../../engine/queue/inline/index';
import { newId } from '../../engine/store/ids';
import { openMongoStore } from '../../engine/store/mongodb/index';
import type { Store } from '../../engine/store/types';
import { dropDatabase } from '../support/backends';
import { mongoUri, requireService } from '../support/services';
import { queueContract } from './contract';
import type { QueueHarness } from './contract';
import { quietLogger } from './quiet-logger';

const uri = mongoUri();

describe.runIf(requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', uri))(
  'inline queue on the mongodb store',
  () => {
    const opened = new WeakMap<QueueHarness, { store: Store; dbName: string }>();
    queueContract(
      'inline (mongodb store)',
      async () => {
        const dbName = `queue_${newId()}`;
        const store = await openMongoStore({ uri: uri as string, dbName });
        let t = Date.UTC(2030, 0, 7, 8, 0, 0);
        const clock = { now: () => t };
        const queue = createInlineQueue({ store, clock, pollMs: 20, logger: quietLogger() });
        const h: QueueHarness = {
          queue,
          now: clock.now,
          advance: async (ms) => {
            t += ms;
            await queue.drain();
          },
        };
        opened.set(h, { store, dbName });
        return h;
      },
      async (h) => {
        await h.queue.close();
        const o = opened.get(h);
        await o?.store.close();
        if (o) await dropDatabase(uri as string, o.dbName);
      },
    );
  },
);
