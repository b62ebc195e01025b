// Whether anyone listens for a document event is asked on every create and
// transition; on the embedded store the answer is kept until `webhooks` is next
// written (store.readThrough), on MongoDB it is read every time because another
// engine may register a webhook. Either way a webhook registered after a change
// hears the next one, and one deleted stops being published to.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_COLLECTION, eventId, type EventRecord } from '../../engine/documents/events';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { openMongoStore } from '../../engine/store/mongodb/index';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { PUBLISH_EFFECT, publishEffects } from '../../engine/webhooks/index';
import { apiFor, type Api } from '../reports/seed';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';
import { backends } from '../support/backends';
import { mongoUri, requireService } from '../support/services';

const hookDoc = (events: string[]) => ({
  _id: newId(),
  url: 'http://127.0.0.1:9/hook',
  events,
  secret: 's',
  active: true,
  createdBy: 'admin',
  createdAt: new Date(),
});

for (const backend of backends()) {
  describe(`webhook listeners on ${backend.name}`, () => {
    let t: TestApp;
    let admin: Api;
    let server: Server;
    const received: Array<{ event: string; data: { id: string } }> = [];

    beforeAll(async () => {
      t = await buildTestApp({ mongoUri: backend.mongoUri, env: { WEBHOOK_RETRY_BASE_MS: '1' } });
      admin = apiFor(t.app, await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password));
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof received)[number]);
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      await t?.close();
      server?.close();
    });

    const createWarehouse = async (code: string): Promise<string> => {
      const res = await admin.call('POST', '/api/documents/warehouse', { data: { code, name: code } });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const effectsOfCreation = async (id: string) =>
      (await t.store.collection<EventRecord>(EVENTS_COLLECTION).findById(eventId(id, 1)))?.effects.map((e) => e.name) ??
      [];

    it('a webhook registered after the first change receives the next one; a deleted one is no longer published to', async () => {
      const before = await createWarehouse('WH-LK1');
      expect(await effectsOfCreation(before)).not.toContain(PUBLISH_EFFECT);

      const { port } = server.address() as { port: number };
      const hook = await admin.call('POST', '/api/webhooks', {
        url: `http://127.0.0.1:${port}/hooks`,
        events: ['document.created'],
        secret: 'whsec-listeners-0123456789',
      });
      expect(hook.status).toBe(201);
      const after = await createWarehouse('WH-LK2');
      expect(await effectsOfCreation(after)).toContain(PUBLISH_EFFECT);
      await expect
        .poll(() => received.some((r) => r.event === 'document.created' && r.data.id === after), { timeout: 15_000 })
        .toBe(true);
      expect(received.some((r) => r.data.id === before)).toBe(false);

      expect((await admin.call('DELETE', `/api/webhooks/${String(hook.body.id)}`)).status).toBeLessThan(300);
      const deleted = await createWarehouse('WH-LK3');
      expect(await effectsOfCreation(deleted)).not.toContain(PUBLISH_EFFECT);
    });

    it('a webhook written straight into the store, not through the webhooks service, is heard too', async () => {
      const before = await createWarehouse('WH-LK4');
      expect(await effectsOfCreation(before)).not.toContain(PUBLISH_EFFECT);
      const straight = await t.store.collection('webhooks').insertOne(hookDoc(['document.created']));
      expect(await effectsOfCreation(await createWarehouse('WH-LK5'))).toContain(PUBLISH_EFFECT);
      // …and the event's deliveries go to it: the list of targets is not kept past the write either.
      await expect
        .poll(async () => (await t.store.collection('webhook_deliveries').find({ webhook: straight._id })).length, {
          timeout: 15_000,
        })
        .toBe(1);
    });
  });
}

describe('the embedded store keeps a read-through answer until its collection is written', () => {
  it('a load that was in flight when a write committed is not used again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jxc-read-through-'));
    const store = await openEmbeddedStore({ dataDir: dir, fsync: false });
    try {
      let loads = 0;
      const load = async () => {
        loads += 1;
        return store.collection('webhooks').count();
      };
      const readThrough = store.readThrough!.bind(store);
      expect(await readThrough('webhooks', 'n', load)).toBe(0);
      expect(await readThrough('webhooks', 'n', load)).toBe(0);
      expect(loads).toBe(1);
      // Another collection's writes leave it kept.
      await store.collection('other').insertOne({ x: 1 });
      expect(await readThrough('webhooks', 'n', load)).toBe(0);
      expect(loads).toBe(1);

      // A write that commits while a load is in flight: that load's answer is not kept past it.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow = readThrough('webhooks', 'n2', async () => {
        const n = await store.collection('webhooks').count();
        await gate;
        return n;
      });
      await store.collection('webhooks').insertOne(hookDoc(['document.created']));
      release();
      expect(await slow).toBe(0);
      expect(await readThrough('webhooks', 'n2', load)).toBe(1);
      expect(await readThrough('webhooks', 'n', load)).toBe(1);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const uri = mongoUri();
describe.runIf(requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', uri))(
  'two engines on one MongoDB database',
  () => {
    let a: Store;
    let b: Store;
    beforeAll(async () => {
      const dbName = `test_${newId()}`;
      a = await openMongoStore({ uri: uri!, dbName });
      b = await openMongoStore({ uri: uri!, dbName });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('a webhook one engine registers is heard by the other’s next change', async () => {
      expect(await publishEffects(a, 'document.transitioned')).toEqual([]);
      await b.collection('webhooks').insertOne(hookDoc(['document.transitioned']));
      expect(await publishEffects(a, 'document.transitioned')).toEqual([
        { name: PUBLISH_EFFECT, options: { event: 'document.transitioned' } },
      ]);
    });
  },
);
