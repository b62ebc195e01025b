// The engine's channels belong to the engine, not to the store: two engines on
// one store each send their notices, webhook events and stock checks through
// their own queue (engine.outbound), and a function handed only a store sends
// nothing anywhere (docs/architecture.md, "Module-level state").
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { raiseAlert } from '../../engine/alerts/index';
import { loadConfig } from '../../engine/config';
import type { EngineContext } from '../../engine/context/index';
import { receiveStock } from '../../engine/inventory/operations';
import { notify } from '../../engine/notifications/index';
import type { QueuePort } from '../../engine/queue/types';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import type { Store } from '../../engine/store/types';
import { idleQueue, testEngine } from '../support/engine';

let dir: string;
let store: Store;
let a: EngineContext;
let b: EngineContext;
const jobsOf = { a: [] as string[], b: [] as string[] };

/** The idle queue, remembering the name of each job enqueued on it. */
function recording(into: string[]): QueuePort {
  const queue = idleQueue();
  return {
    ...queue,
    enqueue: async (q, name, data, options) => {
      into.push(`${q}/${name}`);
      return queue.enqueue(q, name, data, options);
    },
  };
}

const now = new Date('2026-03-02T08:00:00Z');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jxc-outbound-'));
  store = await openEmbeddedStore({ dataDir: dir, fsync: false });
  // With a mail server configured every notice has another channel to go to (its
  // delivery job); the idle queues run nothing, so no mail is sent.
  const config = loadConfig({
    DATA_DIR: '/nonexistent',
    ADMIN_PASSWORD: 'Admin-Test-Pass-2026',
    LOG_LEVEL: 'silent',
    SMTP_URL: 'smtp://127.0.0.1:9',
  });
  a = testEngine(store, { queue: recording(jobsOf.a), config });
  b = testEngine(store, { queue: recording(jobsOf.b), config });
  await store
    .collection('users')
    .insertOne({ _id: 'u-keeper', username: 'keeper', roles: ['warehouse_keeper'], disabled: false });
  await store.collection('webhooks').insertOne({
    _id: 'wh-1',
    url: 'http://127.0.0.1:9/hook',
    events: ['alert.raised'],
    secret: 's',
    active: true,
    createdBy: 'admin',
    createdAt: now,
  });
});

afterAll(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const reset = () => {
  jobsOf.a.length = 0;
  jobsOf.b.length = 0;
};

it('sends a notice through the engine that wrote it, and nowhere when given only the store', async () => {
  reset();
  const message = { 'zh-CN': '测试', en: 'Test' };
  expect(await notify(a, { users: ['u-keeper'], kind: 'test', key: 'n-a', title: message, message, now })).toBe(1);
  expect(jobsOf).toEqual({ a: ['notifications/deliver'], b: [] });

  expect(
    await notify({ store }, { users: ['u-keeper'], kind: 'test', key: 'n-none', title: message, message, now }),
  ).toBe(1);
  expect(jobsOf).toEqual({ a: ['notifications/deliver'], b: [] });
});

it('raises an alert whose notice and webhook event go through the raising engine’s queue only', async () => {
  reset();
  const raised = await raiseAlert(b, {
    id: 'alert-b-1',
    kind: 'batch_expiring',
    subject: { type: 'product', id: 'p1' },
    message: { 'zh-CN': '临期', en: 'Expiring' },
    now,
  });
  expect(raised).toBe(true);
  expect(jobsOf.a).toEqual([]);
  expect(jobsOf.b.sort()).toEqual(['notifications/deliver', 'notifications/webhook']);
  expect(await store.collection('webhook_deliveries').count({ eventId: 'alert-b-1' })).toBe(1);
});

it('checks the stock a finished operation moved on the engine that ran it', async () => {
  reset();
  await receiveStock({
    store,
    outbound: a.outbound,
    key: 'receive-a-1',
    ref: { type: 'purchase_receipt', id: 'r1', number: 'R-1' },
    warehouse: 'w1',
    lines: [{ product: 'p1', qty: 5 }],
  });
  expect(jobsOf).toEqual({ a: ['alerts/stock-check'], b: [] });
});
