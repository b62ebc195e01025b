// The store's own ceiling for `npm run bench`: plain `insertOne` of an order-sized
// document through the store adapter, 16 at a time, with fsync on as deployed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../engine/config';
import { openStore } from '../engine/store/index';

export async function rawInsertsPerSecond(env: NodeJS.ProcessEnv, seconds: number): Promise<number> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'jxc-bench-raw-'));
  const store = await openStore(
    loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(env.MONGODB_URI ? { MONGODB_URI: env.MONGODB_URI } : {}),
    }),
  );
  try {
    const raw = store.collection('bench_raw_orders');
    const data = {
      customer: 'c1',
      warehouse: 'w1',
      orderDate: '2026-11-22',
      lines: [{ product: 'p1', qty: 4, price: 12500 }],
    };
    let count = 0;
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (performance.now() < until) {
          await raw.insertOne({ type: 'sales_order', state: 'draft', data, createdAt: new Date() });
          count += 1;
        }
      }),
    );
    return count / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
