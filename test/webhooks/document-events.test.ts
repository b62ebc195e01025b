// Document events reach webhooks through the outbox: `document.created` and
// `document.transitioned` are recorded with the document's own write (an
// after-commit `webhooks.publish` effect on its event) when a webhook listens.
// When publishing fails right after the commit, the outbox worker's job
// (`outbox-deliver`) delivers it later, exactly once; its last failure leaves
// the entry failed and the job dead, and running it again (an admin's retry)
// delivers it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutboxEntry, OUTBOX_DELIVER_JOB, outboxJobId } from '../../engine/documents/index';
import { OUTBOX_COLLECTION, type OutboxRecord } from '../../engine/documents/events';
import { OUTBOX_RETRY } from '../../engine/documents/outbox-worker';
import { PUBLISH_EFFECT, publishDocumentEvent, verify } from '../../engine/webhooks/index';
import { apiFor, type Api } from '../reports/seed';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';

interface Received {
  headers: IncomingMessage['headers'];
  body: { id: string; event: string; data: Record<string, unknown> };
  raw: string;
}

const secret = 'whsec-doc-events-0123456789';
const quiet = { error: () => undefined };

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('document events through the outbox', () => {
  let t: TestApp;
  let admin: Api;
  let server: Server;
  const received: Received[] = [];

  beforeAll(async () => {
    t = await buildTestApp({ env: { WEBHOOK_RETRY_BASE_MS: '1' } });
    admin = apiFor(t.app, await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password));
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ headers: req.headers, raw, body: JSON.parse(raw) as Received['body'] });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const hook = await admin.call('POST', '/api/webhooks', {
      url: `http://127.0.0.1:${port}/hooks`,
      events: ['document.created', 'document.transitioned'],
      secret,
    });
    expect(hook.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    server?.close();
  });

  const forDoc = (id: string, event: string) => received.filter((r) => r.body.data.id === id && r.body.event === event);
  const outboxOf = (docId: string) => t.store.collection<OutboxRecord>(OUTBOX_COLLECTION).find({ docId });

  it('sends a signed document.created when a document is created, and document.transitioned after a transition', async () => {
    const created = await admin.call('POST', '/api/documents/warehouse', { data: { code: 'WH-EV1', name: '仓库一' } });
    expect(created.status).toBe(201);
    const delivery = await until('document.created', async () => forDoc(created.body.id, 'document.created')[0]);
    expect(delivery.body).toMatchObject({
      id: `${created.body.id}-1`,
      data: { type: 'warehouse', id: created.body.id, number: created.body.number, to: 'active', version: 1 },
    });
    const timestamp = String(delivery.headers['x-jxc-timestamp']);
    const signature = String(delivery.headers['x-jxc-signature']);
    expect(verify({ secret, timestamp, body: delivery.raw, signature, nowSec: Math.floor(Date.now() / 1000) })).toBe(
      true,
    );
    expect((await outboxOf(created.body.id)).map((o) => [o.effect, o.status])).toEqual([[PUBLISH_EFFECT, 'done']]);

    const moved = await admin.call('POST', `/api/documents/warehouse/${created.body.id}/transitions/deactivate`, {
      version: 1,
    });
    expect(moved.status).toBe(200);
    const transitioned = await until(
      'document.transitioned',
      async () => forDoc(created.body.id, 'document.transitioned')[0],
    );
    expect(transitioned.body.data).toMatchObject({ transition: 'deactivate', from: 'active', to: 'inactive' });
    expect(forDoc(created.body.id, 'document.created')).toHaveLength(1);
  });

  it('delivers through the outbox worker, once, an event whose publishing failed right after the commit', async () => {
    const engine = t.app.engine;
    engine.effects.register(
      PUBLISH_EFFECT,
      async () => {
        throw new Error('queue unreachable');
      },
      { phase: 'after-commit' },
    );
    const created = await admin.call('POST', '/api/documents/warehouse', { data: { code: 'WH-EV2', name: '仓库二' } });
    expect(created.status).toBe(201);
    const [entry] = await outboxOf(created.body.id);
    expect(entry).toMatchObject({ effect: PUBLISH_EFFECT, status: 'pending', lastError: 'queue unreachable' });
    // Handed to the outbox worker, which retries after its backoff.
    const job = await t.app.queue.getJob('outbox', outboxJobId(entry._id));
    expect(job).toMatchObject({ name: OUTBOX_DELIVER_JOB, state: 'delayed', data: { id: entry._id } });

    engine.effects.register(PUBLISH_EFFECT, (ctx) => publishDocumentEvent(ctx), { phase: 'after-commit' });
    expect(await deliverOutboxEntry(engine, { data: { id: entry._id }, attempt: 2 }, quiet)).toEqual({
      id: entry._id,
      status: 'done',
    });
    await until('the late document.created', async () => forDoc(created.body.id, 'document.created')[0]);
    expect(await deliverOutboxEntry(engine, { data: { id: entry._id }, attempt: 3 }, quiet)).toMatchObject({
      status: 'already-done',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(forDoc(created.body.id, 'document.created')).toHaveLength(1);
  });

  it('marks the entry failed on the last attempt, and delivers it when run again', async () => {
    const engine = t.app.engine;
    engine.effects.register(
      PUBLISH_EFFECT,
      async () => {
        throw new Error('still down');
      },
      { phase: 'after-commit' },
    );
    const created = await admin.call('POST', '/api/documents/warehouse', { data: { code: 'WH-EV3', name: '仓库三' } });
    const [entry] = await outboxOf(created.body.id);
    const last = { data: { id: entry._id }, attempt: OUTBOX_RETRY.attempts };
    await expect(deliverOutboxEntry(engine, last, quiet)).rejects.toThrow(/still down/);
    expect((await outboxOf(created.body.id))[0]?.status).toBe('failed');

    engine.effects.register(PUBLISH_EFFECT, (ctx) => publishDocumentEvent(ctx), { phase: 'after-commit' });
    // An admin's retry of the dead job runs it with a fresh set of attempts.
    expect(await deliverOutboxEntry(engine, { data: { id: entry._id }, attempt: 1 }, quiet)).toMatchObject({
      status: 'done',
    });
    await until('the retried document.created', async () => forDoc(created.body.id, 'document.created')[0]);
    expect((await outboxOf(created.body.id))[0]?.status).toBe('done');
  });
});
