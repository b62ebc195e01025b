// `npm run bench -- scale [--quick]`: the engine as `npm start` runs it (in its
// own process, the built bench/scale-engine.ts: the same start-up without rate limits), on
// the embedded store, with sales orders added in steps (to 100,000; --quick: to
// 10,000). At each step the engine is restarted on the same DATA_DIR and the
// bench prints start-up time to /health, p50/p99 over HTTP (one client) of
// create, get, list 20 newest, list by customer, list by state, and the engine's
// RSS. Orders are added between steps straight into the store (copies of an order
// the engine created, with its events), so the steps take minutes, not hours.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { client, login, PASSWORD, startProcess, stopProcess, type Running } from './http';
import { openEmbeddedStore } from '../engine/store/embedded/index';
import { newId } from '../engine/store/ids';
import type { StoredDoc } from '../engine/store/types';

const root = fileURLToPath(new URL('../', import.meta.url));
const STATES = ['draft', 'pending_review', 'approved', 'shipped', 'completed', 'cancelled'];
const CUSTOMERS = 100;

type Engine = Running;

function startEngine(dataDir: string): Promise<Engine> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ADMIN_PASSWORD: PASSWORD };
  delete env.REDIS_URL;
  delete env.MONGODB_URI;
  // The built JavaScript, as `npm start` runs it (tools/start.js; built before the first step).
  return startProcess(['tools/start.js', 'bench-engine'], env);
}

const stopEngine = stopProcess;

const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Milliseconds per call of `work`, run `n` times one after another. */
async function sample(n: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    await work(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const fmt = (sorted: number[]): string =>
  `${pct(sorted, 50).toFixed(1).padStart(6)} /${pct(sorted, 99).toFixed(1).padStart(6)}`;

interface Template {
  order: StoredDoc;
  events: StoredDoc[];
}

async function addOrders(dataDir: string, template: Template, from: number, to: number): Promise<void> {
  const store = await openEmbeddedStore({ dataDir });
  try {
    const orders = store.collection('documents_sales_order');
    const events = store.collection('events');
    const base = Date.UTC(2024, 0, 1);
    for (let start = from; start < to; start += 1000) {
      const docs: StoredDoc[] = [];
      const evs: StoredDoc[] = [];
      for (let i = start; i < Math.min(to, start + 1000); i += 1) {
        const id = newId();
        const at = new Date(base + i * 60_000);
        const data = {
          ...(template.order.data as Record<string, unknown>),
          customer: `bench-customer-${i % CUSTOMERS}`,
        };
        docs.push({
          ...template.order,
          _id: id,
          number: `SO-BENCH-${String(i).padStart(7, '0')}`,
          state: STATES[i % STATES.length],
          createdAt: at,
          updatedAt: at,
          data,
        });
        for (const ev of template.events) evs.push({ ...ev, _id: newId(), docId: id, at });
      }
      await orders.insertMany(docs);
      await events.insertMany(evs);
    }
  } finally {
    await store.close();
  }
}

export async function benchScale({ quick = false } = {}): Promise<void> {
  const steps = quick ? [1_000, 5_000, 10_000] : [1_000, 10_000, 30_000, 100_000];
  execFileSync(process.execPath, ['tools/build-engine.js'], { cwd: root, stdio: 'ignore' });
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-bench-scale-'));
  let engine: Engine | null = null;
  try {
    engine = await startEngine(dir);
    let call = client(engine.base, await login(engine.base, 'admin'));
    const customer = await call('POST', '/api/documents/customer', {
      data: { code: 'S001', name: '规模客户', creditLevel: 'A', creditLimit: 999_999_999_999 },
    });
    const warehouse = await call('POST', '/api/documents/warehouse', { data: { code: 'SW1', name: '规模仓' } });
    const product = await call('POST', '/api/documents/product', {
      data: { sku: 'S-SKU', name: '规模商品', unit: '件', price: 0 },
    });
    const orderBody = () => ({
      data: {
        customer: customer.id,
        warehouse: warehouse.id,
        orderDate: '2026-11-22',
        lines: [{ product: product.id, qty: 2, price: 125 }],
      },
    });
    const first = await call('POST', '/api/documents/sales_order', orderBody());
    await stopEngine(engine);
    engine = null;
    const store = await openEmbeddedStore({ dataDir: dir });
    const template: Template = {
      order: (await store.collection('documents_sales_order').findById(String(first.id))) as StoredDoc,
      events: await store.collection('events').find({ docId: String(first.id) }),
    };
    await store.close();

    console.log(
      `scale   orders  start-up   create p50/p99   get p50/p99   list-20 p50/p99   by customer p50/p99   by state p50/p99   RSS`,
    );
    let have = 1;
    for (const step of steps) {
      await addOrders(dir, template, have, step);
      have = step;
      engine = await startEngine(dir);
      call = client(engine.base, await login(engine.base, 'admin'));
      const newest = (await call('GET', '/api/documents/sales_order?limit=100')).items as Array<{ id: string }>;
      const create = await sample(100, () => call('POST', '/api/documents/sales_order', orderBody()));
      have += 100;
      const get = await sample(200, (i) => call('GET', `/api/documents/sales_order/${newest[i % newest.length].id}`));
      const list = await sample(100, () => call('GET', '/api/documents/sales_order?limit=20'));
      const byCustomer = await sample(100, (i) =>
        call('GET', `/api/documents/sales_order?customer=bench-customer-${i % CUSTOMERS}&limit=20`),
      );
      const byState = await sample(100, (i) =>
        call('GET', `/api/documents/sales_order?state=${STATES[i % STATES.length]}&limit=20`),
      );
      const rss = rssMb(engine.child.pid as number);
      console.log(
        `scale ${String(step).padStart(8)} ${engine.startupMs.toFixed(0).padStart(7)} ms ${fmt(create)} ms ${fmt(get)} ms ${fmt(list)} ms ${fmt(byCustomer)} ms     ${fmt(byState)} ms  ${rss.toFixed(0)} MB`,
      );
      await stopEngine(engine);
      engine = null;
    }
  } finally {
    if (engine && engine.child.exitCode === null) engine.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchScale({ quick: process.argv.includes('--quick') });
