// Reservations on one hot product: 64 concurrent clients reserve 1 unit each, with
// a fresh idempotency key per request, until the stock is gone (and then some), on
// the embedded store with fsync on (as deployed). Prints reservations/s, p50/p99
// latency and the oversell count, which must be 0.
// A benchmark, not a test: it prints figures. Run alone with `npx tsx bench/inventory.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../engine/errors';
import { ensureInventoryIndexes } from '../engine/inventory/indexes';
import { receiveStock, reserveStock } from '../engine/inventory/operations';
import { getLedger, getLevels } from '../engine/inventory/queries';
import { openEmbeddedStore } from '../engine/store/embedded/index';
import { newId } from '../engine/store/ids';

export interface BenchReservationsOptions {
  /** Concurrent clients (default 64). */
  clients?: number;
  /** Units in stock (default 2000); every client keeps going until refused. */
  stock?: number;
  /** fdatasync every write batch, as in production (default true). */
  fsync?: boolean;
  print?: boolean;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function benchReservations({
  clients = 64,
  stock = 2000,
  fsync = true,
  print = true,
}: BenchReservationsOptions = {}): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jxc-bench-inventory-'));
  const store = await openEmbeddedStore({ dataDir: dir, fsync });
  try {
    await ensureInventoryIndexes(store);
    const product = newId();
    const warehouse = newId();
    await receiveStock({
      store,
      key: newId(),
      ref: { type: 'goods_receipt', id: newId() },
      warehouse,
      lines: [{ product, qty: stock }],
    });

    const wins: number[] = [];
    const refusals: number[] = [];
    const client = async (): Promise<void> => {
      for (;;) {
        const started = performance.now();
        try {
          await reserveStock({
            store,
            key: newId(),
            ref: { type: 'sales_order', id: newId() },
            warehouse,
            lines: [{ product, qty: 1 }],
          });
          wins.push(performance.now() - started);
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'RULE_FAILED')) throw err;
          refusals.push(performance.now() - started);
          return; // sold out: this client's next order would be refused too
        }
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: clients }, client));
    const seconds = (performance.now() - start) / 1000;

    const [level] = await getLevels({ store, product, warehouse });
    const ledger = await getLedger({ store, product, warehouse });
    const negativeStates = ledger.filter((m) => m.after.available < 0).length;
    const oversold = Math.max(0, wins.length - stock) + Math.max(0, level.reserved - stock) + negativeStates;
    const sorted = [...wins].sort((a, b) => a - b);
    const figures: Record<string, number> = {
      'inventory.reservations_per_s': Math.round(wins.length / seconds),
      'inventory.reservation_p50_ms': Math.round(percentile(sorted, 50) * 10) / 10,
      'inventory.reservation_p99_ms': Math.round(percentile(sorted, 99) * 10) / 10,
      'inventory.reserved': wins.length,
      'inventory.refused': refusals.length,
      'inventory.available_after': level.available,
      'inventory.oversold': oversold,
    };
    if (print) {
      console.log(
        `Inventory contention: ${clients} concurrent clients reserving 1 unit of one product (stock ${stock}), embedded store, fsync ${fsync ? 'on' : 'off'}`,
      );
      console.table({
        'reservations/s': figures['inventory.reservations_per_s'],
        'p50 latency (ms)': figures['inventory.reservation_p50_ms'],
        'p99 latency (ms)': figures['inventory.reservation_p99_ms'],
        reserved: wins.length,
        refused: refusals.length,
        'available after': level.available,
        'oversold (must be 0)': oversold,
      });
    }
    return figures;
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchReservations();
}
