// The engine over HTTP for `npm run bench`: one engine process (the built
// JavaScript, as `npm start` runs it) on the embedded store or, with
// `--store mongodb`, on MONGODB_URI; master data and stock made through the API;
// then create, get and list-20 under autocannon at 64 connections and
// create → submit → approve cycles from 32 closed-loop workers.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cannon,
  client,
  closedLoop,
  login,
  PASSWORD,
  startProcess,
  stopProcess,
  timedCall,
  type Latency,
  type Running,
} from './http';

const root = fileURLToPath(new URL('../', import.meta.url));

export interface EngineTarget {
  store: 'embedded' | 'mongodb';
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** A fresh store for one bench: a temporary DATA_DIR, or a database of its own on MONGODB_URI. */
export async function engineTarget(store: 'embedded' | 'mongodb'): Promise<EngineTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'jxc-bench-http-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ADMIN_PASSWORD: PASSWORD };
  delete env.REDIS_URL;
  delete env.MONGODB_URI;
  if (store === 'mongodb') {
    if (!process.env.MONGODB_URI) throw new Error('--store mongodb needs MONGODB_URI');
    const uri = new URL(process.env.MONGODB_URI);
    uri.pathname = `/jxc_bench_${Date.now()}`;
    env.MONGODB_URI = uri.toString();
  }
  return { store, env, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** The engine build, made before anything is timed (tools/start.js would otherwise build inside the first start-up). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, ['tools/build-engine.js'], { cwd: root, stdio: 'ignore' });
}

export interface HttpContention {
  reservationsPerSecond: number;
  p99: number;
  reserved: number;
  refused: number;
  oversell: number;
}

export interface EngineBench {
  engine: Running;
  run(seconds: number): Promise<Record<'create' | 'get' | 'list' | 'cycle', Latency>>;
  /**
   * 64 clients, each creating and submitting one-unit orders for one product with
   * `stock` units until the submit is refused for short stock: submits reserved
   * per second, their p99, and the oversell (reserved past the stock), which must be 0.
   */
  contention(stock: number): Promise<HttpContention>;
}

export async function startEngineBench(target: EngineTarget): Promise<EngineBench> {
  const engine = await startProcess(['tools/start.js', 'bench-engine'], target.env);
  const admin = client(engine.base, await login(engine.base, 'admin'));
  for (const [username, roles] of [
    ['bench.clerk', ['sales_clerk']],
    ['bench.manager', ['sales_manager']],
  ] as const) {
    await admin('POST', '/api/users', { username, password: PASSWORD, roles });
  }
  const clerkToken = await login(engine.base, 'bench.clerk');
  const clerk = client(engine.base, clerkToken);
  const manager = client(engine.base, await login(engine.base, 'bench.manager'));
  const customer = await admin('POST', '/api/documents/customer', {
    data: { code: 'B001', name: '基准客户', creditLevel: 'A', creditLimit: 999_999_999_999 },
  });
  const warehouse = await admin('POST', '/api/documents/warehouse', { data: { code: 'BW1', name: '基准仓' } });
  const product = await admin('POST', '/api/documents/product', {
    data: { sku: 'B-SKU', name: '基准商品', unit: '件', price: 12345.67 },
  });
  const count = await admin('POST', '/api/documents/stocktake', {
    data: {
      warehouse: warehouse.id,
      countDate: '2026-11-22',
      lines: [{ product: product.id, countedQty: 100_000_000 }],
    },
  });
  await admin('POST', `/api/documents/stocktake/${String(count.id)}/transitions/post`, { version: count.version });
  // 50,000 per order: the manager's approval level applies, so a cycle is create → submit → approve.
  const order = JSON.stringify({
    data: {
      customer: customer.id,
      warehouse: warehouse.id,
      orderDate: '2026-11-22',
      lines: [{ product: product.id, qty: 4, price: 12500 }],
    },
  });
  const one = await clerk('POST', '/api/documents/sales_order', JSON.parse(order));
  const auth = { authorization: `Bearer ${clerkToken}` };

  let scarceRound = 0;
  return {
    engine,
    async contention(stock) {
      scarceRound += 1;
      const scarce = await admin('POST', '/api/documents/product', {
        data: { sku: `B-SCARCE-${scarceRound}`, name: '紧缺商品', unit: '件', price: 10 },
      });
      const counted = await admin('POST', '/api/documents/stocktake', {
        data: { warehouse: warehouse.id, countDate: '2026-11-22', lines: [{ product: scarce.id, countedQty: stock }] },
      });
      await admin('POST', `/api/documents/stocktake/${String(counted.id)}/transitions/post`, {
        version: counted.version,
      });
      const small = {
        data: {
          customer: customer.id,
          warehouse: warehouse.id,
          orderDate: '2026-11-22',
          lines: [{ product: scarce.id, qty: 1, price: 10 }],
        },
      };
      const submits: number[] = [];
      let refused = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 64 }, async () => {
          for (;;) {
            const doc = await clerk('POST', '/api/documents/sales_order', small);
            const at = performance.now();
            try {
              await clerk('POST', `/api/documents/sales_order/${String(doc.id)}/transitions/submit`, {
                version: doc.version,
              });
              submits.push(performance.now() - at);
            } catch {
              refused += 1;
              return; // short stock: this client's next order would be refused too
            }
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const [level] = (await admin(
        'GET',
        `/api/inventory/levels?product=${String(scarce.id)}&warehouse=${String(warehouse.id)}`,
      )) as unknown as Array<{ reserved: number; available: number }>;
      const sorted = submits.sort((a, b) => a - b);
      return {
        reservationsPerSecond: submits.length / seconds,
        p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
        reserved: submits.length,
        refused,
        oversell: Math.max(0, submits.length - stock, (level?.reserved ?? 0) - stock, -(level?.available ?? 0)),
      };
    },
    async run(seconds) {
      const url = `${engine.base}/api/documents/sales_order`;
      const create = await cannon(
        { url, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: order },
        seconds,
      );
      const get = await cannon({ url: `${url}/${String(one.id)}`, headers: auth }, seconds);
      const list = await cannon({ url: `${url}?limit=20`, headers: auth }, seconds);
      const cycle = await closedLoop(32, seconds, async () => {
        let doc: Record<string, unknown> = {};
        const times = [
          await timedCall(async () => (doc = await clerk('POST', '/api/documents/sales_order', JSON.parse(order)))),
        ];
        const at = `/api/documents/sales_order/${String(doc.id)}`;
        times.push(await timedCall(() => clerk('POST', `${at}/transitions/submit`, { version: doc.version })));
        times.push(await timedCall(() => manager('POST', `${at}/approve`, { comment: 'ok' })));
        return times;
      });
      return { create, get, list, cycle };
    },
  };
}

/** Start-up of the real `npm start` entry (staff app check included) on the bench's data, to the first /health. */
export async function measureStartup(target: EngineTarget): Promise<number> {
  const running = await startProcess(['tools/start.js', 'server'], target.env);
  await stopProcess(running);
  return running.startupMs;
}
