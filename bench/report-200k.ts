// `npm run bench -- report`: the sales reports over 200,000 order lines (20,000
// approved sales orders of 10 lines each), on the embedded store and on a
// MongoDB-compatible server (MONGODB_URI, else a FerretDB the bench starts when
// the binary is installed). Prints, per store and report, the seconds the
// report took and its peak RSS growth (target ≤ 200 MB): the peak RSS while the
// report ran minus the RSS just before. Each report runs in a fresh process, so
// neither the seeding nor another report's memory is counted.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { documentsCollection } from '../engine/documents/index';
import { BUILTIN_REPORTS } from '../engine/reports/index';
import { openEmbeddedStore } from '../engine/store/embedded/index';
import { openMongoStore } from '../engine/store/mongodb/index';
import type { Store } from '../engine/store/index';
import { findFerretDb, startFerretDb, type FerretDb } from '../test/support/ferretdb';

const root = fileURLToPath(new URL('../', import.meta.url));
const ORDERS = 20_000;
const LINES = 10;
const PRODUCTS = 500;
const CUSTOMERS = 300;
const REPORTS = ['sales_trend', 'product_ranking', 'customer_ranking'] as const;
const TARGET_MB = 200;

type Target = { kind: 'embedded'; dataDir: string } | { kind: 'mongodb'; uri: string; dbName: string };

async function openTarget(target: Target): Promise<Store> {
  return target.kind === 'embedded'
    ? openEmbeddedStore({ dataDir: target.dataDir, fsync: false })
    : openMongoStore({ uri: target.uri, dbName: target.dbName });
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Writes the orders straight into the store, in batches: this measures the report, not the engine's create. */
async function seed(store: Store): Promise<void> {
  const at = new Date('2026-06-30T00:00:00Z');
  const envelope = { definitionVersion: 1, version: 3, approval: null, createdBy: 'bench', updatedBy: 'bench' };
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({
    _id: `p${pad(i, 4)}`,
    type: 'product',
    number: `P${pad(i, 4)}`,
    state: 'active',
    data: { code: `SKU-${pad(i, 4)}`, name: `商品 ${i}`, category: `c${i % 20}` },
    ...envelope,
    createdAt: at,
    updatedAt: at,
  }));
  await documentsCollection(store, 'product').insertMany(products);
  const orders = documentsCollection(store, 'sales_order');
  const BATCH = 500;
  for (let start = 0; start < ORDERS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ORDERS - start) }, (_, j) => {
      const n = start + j;
      const day = `2026-${pad((n % 12) + 1, 2)}-${pad((n % 28) + 1, 2)}`;
      const lines = Array.from({ length: LINES }, (_, k) => {
        const qty = 1 + ((n + k) % 9);
        const price = 10 + ((n * 7 + k * 13) % 90);
        return { product: `p${pad((n * LINES + k) % PRODUCTS, 4)}`, qty, price, amount: qty * price };
      });
      return {
        _id: `so${pad(n, 6)}`,
        type: 'sales_order',
        number: `SO${pad(n, 6)}`,
        state: n % 3 === 0 ? 'shipped' : 'approved',
        data: { orderDate: day, customer: `c${pad(n % CUSTOMERS, 3)}`, warehouse: 'WH1', lines },
        ...envelope,
        createdAt: at,
        updatedAt: at,
      };
    });
    await orders.insertMany(batch);
  }
}

interface Measured {
  report: string;
  seconds: number;
  rssGrowthMb: number;
  rows: number;
}

/**
 * The peak RSS from now on. On Linux, writing 5 to /proc/self/clear_refs resets
 * the kernel's high-water mark (VmHWM) to the current RSS, so the start-up's
 * peak (module loading, transpiling) is not counted; elsewhere a worker thread
 * samples the RSS every 5 ms.
 */
function startPeakWatch(): () => Promise<number> {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return async () => {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      if (!hwm) throw new Error('no VmHWM in /proc/self/status');
      return Number(hwm) * 1024;
    };
  } catch {
    const sampler = new Worker(
      `const { parentPort } = require('node:worker_threads');
       let max = process.memoryUsage.rss();
       const timer = setInterval(() => { max = Math.max(max, process.memoryUsage.rss()); }, 5);
       parentPort.once('message', () => { clearInterval(timer); parentPort.postMessage(max); });`,
      { eval: true },
    );
    return async () => {
      const peak = new Promise<number>((resolve) => sampler.once('message', (max: number) => resolve(max)));
      sampler.postMessage('stop');
      const max = await peak;
      await sampler.terminate();
      return max;
    };
  }
}

/** The child's side: open the store, run one report, print the figures as one JSON line. */
async function measure(target: Target, key: string): Promise<void> {
  const store = await openTarget(target);
  const kind = BUILTIN_REPORTS.find((k) => k.key === key);
  if (!kind) throw new Error(`no report ${key}`);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const peakOf = startPeakWatch();
  const started = performance.now();
  const result = await kind.run({ store, now: new Date(), progress: async () => undefined }, {});
  const seconds = (performance.now() - started) / 1000;
  const peak = await peakOf();
  await store.close();
  const out: Measured = { report: key, seconds, rssGrowthMb: (peak - before) / 2 ** 20, rows: result.rows.length };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runChild(target: Target, key: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/report-200k.ts'], {
      cwd: root,
      env: { ...process.env, JXC_REPORT_BENCH_MEASURE: JSON.stringify({ target, key }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`report ${key} on ${target.kind} failed: ${out}`));
      else resolve(JSON.parse(line) as Measured);
    });
  });
}

async function benchOn(label: string, target: Target): Promise<Record<string, number>> {
  const store = await openTarget(target);
  const seeding = performance.now();
  await seed(store);
  await store.close();
  console.log(
    `  ${label}: ${ORDERS * LINES} order lines seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  const figures: Record<string, number> = {};
  for (const key of REPORTS) {
    const m = await runChild(target, key);
    const met = m.rssGrowthMb <= TARGET_MB ? 'met' : 'MISSED';
    console.log(
      `    ${key.padEnd(18)} ${m.seconds.toFixed(2).padStart(7)} s   peak RSS +${m.rssGrowthMb.toFixed(0).padStart(4)} MB (${met} ≤ ${TARGET_MB} MB)   ${m.rows} rows`,
    );
    figures[`report.${target.kind}.${key}.seconds`] = m.seconds;
    figures[`report.${target.kind}.${key}.rss_growth_mb`] = m.rssGrowthMb;
  }
  return figures;
}

/** The 200,000-line report benchmark; returns its figures by name. */
export async function benchReport200k(): Promise<Record<string, number>> {
  console.log(`reports over ${ORDERS * LINES} order lines (${ORDERS} orders × ${LINES} lines)`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'jxc-bench-report-'));
  const figures: Record<string, number> = {};
  try {
    Object.assign(figures, await benchOn('embedded store', { kind: 'embedded', dataDir }));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  let ferret: FerretDb | undefined;
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    const binary = await findFerretDb();
    if (!binary) {
      console.log('  MongoDB-compatible store: skipped (set MONGODB_URI or install ferretdb)');
      return figures;
    }
    ferret = await startFerretDb(binary);
    uri = ferret.uri;
  }
  const dbName = `bench_report_${Date.now().toString(36)}`;
  try {
    Object.assign(figures, await benchOn(ferret ? 'FerretDB' : 'MongoDB', { kind: 'mongodb', uri, dbName }));
  } finally {
    if (ferret) await ferret.stop();
    else {
      const store = await openMongoStore({ uri, dbName });
      for (const type of ['sales_order', 'product']) await documentsCollection(store, type).deleteMany({});
      await store.close();
    }
  }
  return figures;
}

const measuring = process.env.JXC_REPORT_BENCH_MEASURE;
if (measuring) {
  const { target, key } = JSON.parse(measuring) as { target: Target; key: string };
  await measure(target, key);
  process.exit(0);
}
