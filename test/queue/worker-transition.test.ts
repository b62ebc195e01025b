// A BullMQ worker (real Redis) on the MongoDB-compatible store runs a job that
// drives a transition whose before-commit effect refuses (stock short). It builds
// the same engine context as the web app, so it gets the same 422 problem and
// leaves the levels, the document and the outbox untouched, as the web app does.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, processorsOf, registerProcessors, type EngineContext } from '../../engine/context/index';
import { runTransition } from '../../engine/documents/run-transition';
import { INTENTS_COLLECTION } from '../../engine/documents/intents';
import { AppError } from '../../engine/errors';
import { problemOf } from '../../engine/http/problem';
import { createBullmqQueue } from '../../engine/queue/bullmq/index';
import type { JobInfo, QueuePort } from '../../engine/queue/types';
import { createDoc, orderData, setUp, stockUp, type Harness } from '../documents/harness';
import { mongoUri, redisUrl, requireService } from '../support/services';
import { quietLogger } from './quiet-logger';

const redis = redisUrl();
const mongo = mongoUri();
const prefix = `jxc-test-worker-${process.pid}-${Date.now().toString(36)}`;

async function deleteKeys(pattern: string): Promise<void> {
  const client = new Redis(redis ?? '', { lazyConnect: true });
  await client.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

async function settled(queue: QueuePort, id: string): Promise<JobInfo> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = await queue.getJob('reports', id);
    if (job && (job.state === 'completed' || job.state === 'failed')) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const withoutInstance = (body: Record<string, unknown>): Record<string, unknown> => {
  const { instance: _instance, ...rest } = body;
  return rest;
};

describe.runIf(
  requireService('Redis', redis) && requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', mongo),
)('a transition run by a BullMQ worker', () => {
  let h: Harness;
  let queue: QueuePort;
  let worker: EngineContext;

  beforeAll(async () => {
    h = await setUp({ name: 'mongodb', mongoUri: mongo });
    queue = createBullmqQueue({ redisUrl: redis ?? '', prefix, runWorkers: true, logger: quietLogger() });
    // The worker's own engine on the shared store: what `npm run workers` builds.
    worker = createEngine({ config: h.t.config, store: h.t.store, queue });
    worker.jobs.register('reports', 'run-transition', async (job, engine) => {
      const input = job.data as {
        type: string;
        id: string;
        key: string;
        version: number;
        user: { id: string; username: string; roles: string[] };
      };
      try {
        const doc = await runTransition(engine.store, engine.definitions, {
          ...input,
          now: engine.clock(),
          locale: 'en',
          log: engine.log,
          engine,
        });
        return { status: 200, state: doc.state };
      } catch (err) {
        if (err instanceof AppError) return problemOf(err, 'en');
        throw err;
      }
    });
    registerProcessors(queue, processorsOf(worker));
  });

  afterAll(async () => {
    await queue?.close();
    await h?.t.close();
    await deleteKeys(`${prefix}*`);
  });

  it('refuses short stock with the same 422 as the web app and changes nothing', async () => {
    await stockUp(h, 3);
    const order = await createDoc(h.clerk, 'sales_order', orderData(h, [{ qty: 5, price: 10 }]));
    const levels = async () =>
      (await h.clerk.req('GET', `/api/inventory/levels?product=${h.product.id}&warehouse=${h.warehouse.id}`)).json();
    const before = await levels();

    const web = await h.clerk.req(
      'POST',
      `/api/documents/sales_order/${order.id}/transitions/submit`,
      { version: 1 },
      { 'accept-language': 'en' },
    );
    expect(web.statusCode).toBe(422);

    const id = await queue.enqueue('reports', 'run-transition', {
      type: 'sales_order',
      id: order.id,
      key: 'submit',
      version: 1,
      user: h.clerk.user,
    });
    const job = await settled(queue, id);
    expect(job.state).toBe('completed');
    const result = job.result as Record<string, unknown>;
    expect(result.status).toBe(422);
    expect(withoutInstance(result)).toEqual(withoutInstance(web.json()));
    expect(result).toMatchObject({ product: h.product.id, warehouse: h.warehouse.id, requested: 5, available: 3 });

    expect(await levels()).toEqual(before);
    expect((await h.clerk.req('GET', `/api/documents/sales_order/${order.id}`)).json()).toMatchObject({
      state: 'draft',
      version: 1,
    });
    expect(await h.t.store.collection(INTENTS_COLLECTION).find({ docId: order.id })).toEqual([]);
    expect(await h.t.store.collection('outbox').find({ docId: order.id })).toEqual([]);
  });
});
