// The engine's document path against raw inserts on the same store: sales orders
// created, submitted and approved through the API (validation, computed totals,
// numbering, rules, approval level, reservation, history) versus plain
// `insertOne` of the same data. Prints orders/s, inserts/s and their ratio.
// A benchmark, not a test. Run alone with `npx tsx bench/documents.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../engine/app';
import { bootstrapAdmin } from '../engine/auth/bootstrap-admin';
import { loadConfig } from '../engine/config';
import { receiveStock } from '../engine/inventory/operations';
import { createInlineQueue } from '../engine/queue/inline/index';
import { openEmbeddedStore } from '../engine/store/embedded/index';
import { newId } from '../engine/store/ids';

const PASSWORD = 'Bench-Pass-2026-xyz';
const UNLIMITED = { global: { max: 1e9, timeWindowMs: 60_000 }, auth: { max: 1e9, timeWindowMs: 60_000 } };

type Call = (
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
) => Promise<{ status: number; json: () => Record<string, unknown> }>;

function caller(app: FastifyInstance, token: string): Call {
  return async (method, url, body) => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, json: () => res.json() };
  };
}

async function must(
  call: Promise<{ status: number; json: () => Record<string, unknown> }>,
  expected: number,
): Promise<Record<string, unknown>> {
  const res = await call;
  if (res.status !== expected)
    throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(res.json())}`);
  return res.json();
}

async function token(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  return res.json<{ token: string }>().token;
}

/** Runs `work(i)` for i in [0, n) with `concurrency` in flight; returns seconds taken. */
async function timed(n: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await work(next++);
    }),
  );
  return (performance.now() - start) / 1000;
}

export async function benchDocuments({ orders = 300, concurrency = 16, print = true } = {}): Promise<
  Record<string, number>
> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-bench-docs-'));
  const config = loadConfig({ DATA_DIR: dir, ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'silent' });
  const store = await openEmbeddedStore({ dataDir: dir, fsync: true });
  const app = await buildApp({ config, store, queue: createInlineQueue({ store }), rateLimits: UNLIMITED });
  try {
    await bootstrapAdmin(store, config);
    await app.ready();
    const admin = caller(app, await token(app, 'admin'));
    for (const [username, roles] of [
      ['bench.clerk', ['sales_clerk']],
      ['bench.manager', ['sales_manager']],
    ] as const) {
      await must(admin('POST', '/api/users', { username, password: PASSWORD, roles }), 201);
    }
    const clerk = caller(app, await token(app, 'bench.clerk'));
    const manager = caller(app, await token(app, 'bench.manager'));
    const customer = await must(
      admin('POST', '/api/documents/customer', {
        data: { code: 'B001', name: '基准客户', creditLevel: 'A', creditLimit: 999_999_999_999 },
      }),
      201,
    );
    const warehouse = await must(
      admin('POST', '/api/documents/warehouse', { data: { code: 'BW1', name: '基准仓' } }),
      201,
    );
    const product = await must(
      admin('POST', '/api/documents/product', {
        data: { sku: 'B-SKU', name: '基准商品', unit: '件', price: 12345.67 },
      }),
      201,
    );
    await receiveStock({
      store,
      key: newId(),
      ref: { type: 'goods_receipt', id: newId() },
      warehouse: String(warehouse.id),
      lines: [{ product: String(product.id), qty: 1_000_000 }],
    });

    // 50,000 per order: the manager level applies, so each order is create → submit → approve.
    const data = () => ({
      customer: customer.id,
      warehouse: warehouse.id,
      orderDate: '2026-11-22',
      lines: [{ product: product.id, qty: 4, price: 12500 }],
    });
    const engineSeconds = await timed(orders, concurrency, async () => {
      const doc = await must(clerk('POST', '/api/documents/sales_order', { data: data() }), 201);
      const url = `/api/documents/sales_order/${doc.id}`;
      const submitted = await must(clerk('POST', `${url}/transitions/submit`, { version: doc.version }), 200);
      if (submitted.state !== 'pending_review')
        throw new Error(`expected pending_review, got ${String(submitted.state)}`);
      const approved = await must(manager('POST', `${url}/approve`, { comment: 'ok' }), 200);
      if (approved.state !== 'approved') throw new Error(`expected approved, got ${String(approved.state)}`);
    });

    const raw = store.collection('bench_raw_orders');
    const rawSeconds = await timed(orders * 10, concurrency, () =>
      raw.insertOne({ type: 'sales_order', state: 'draft', data: data(), createdAt: new Date() }),
    );

    const figures = {
      'documents.create_submit_approve_per_s': orders / engineSeconds,
      'documents.raw_inserts_per_s': (orders * 10) / rawSeconds,
    };
    const ratio = figures['documents.raw_inserts_per_s'] / figures['documents.create_submit_approve_per_s'];
    if (print) {
      console.log(
        `documents   create+submit+approve (embedded, fsync)  ${figures['documents.create_submit_approve_per_s'].toFixed(1)} orders/s`,
      );
      console.log(
        `documents   raw insertOne on the same store          ${figures['documents.raw_inserts_per_s'].toFixed(1)} inserts/s`,
      );
      console.log(`documents   ratio raw : engine                        ${ratio.toFixed(1)} : 1`);
    }
    return { ...figures, 'documents.raw_to_engine_ratio': ratio };
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchDocuments();
}
