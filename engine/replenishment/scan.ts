// The low-stock scan, run by the `alerts` queue (a job of the engine context, engine/context/builtins.ts) on
// a schedule and on demand (POST /api/inventory/replenishment/scan). It checks
// every product × warehouse whose level changed since the previous scan, every
// warehouse of a product whose master data changed (a new reorder point), and
// every open occurrence (so one closes when stock comes back). A margin before
// the previous start covers writes that were in flight while it read; checking a
// pair twice does nothing twice.
import { documentsCollection } from '../documents/index';
import { levels } from '../inventory/index';
import type { Outbound } from '../queue/index';
import type { Store, StoredDoc } from '../store/index';
import { checkReplenishment, type CheckOutcome } from './check';
import type { DefinitionRegistry } from '../definitions/index';
import { SCAN_STATE, TRIGGERS, type TriggerDoc } from './types';

export const LOW_STOCK_SCAN_JOB = 'low-stock-scan';
const MARGIN_MS = 5 * 60_000;

interface ScanState extends StoredDoc {
  lastStartedAt: Date;
}

export interface ScanReport {
  checked: number;
  opened: number;
  open: number;
  resolved: number;
}

export async function ensureReplenishmentIndexes(store: Store): Promise<void> {
  await levels(store).createIndex({ name: 'updated_at', keys: { updatedAt: 1 } });
  await documentsCollection(store, 'product').createIndex({ name: 'updated_at', keys: { updatedAt: 1 } });
  await store.collection(TRIGGERS).createIndex({ name: 'open', keys: { open: 1 } });
}

async function changedPairs(store: Store, since: Date): Promise<Map<string, { product: string; warehouse: string }>> {
  const pairs = new Map<string, { product: string; warehouse: string }>();
  const add = (product: string, warehouse: string): void => {
    pairs.set(`${product}\u0000${warehouse}`, { product, warehouse });
  };
  for (const row of await levels(store).find(
    { updatedAt: { $gte: since } },
    { projection: { product: 1, warehouse: 1 } },
  ))
    add(row.product, row.warehouse);
  const products = await documentsCollection(store, 'product').find(
    { updatedAt: { $gte: since } },
    { projection: { _id: 1 } },
  );
  if (products.length > 0) {
    const ids = products.map((p) => p._id);
    for (const row of await levels(store).find({ product: { $in: ids } }, { projection: { product: 1, warehouse: 1 } }))
      add(row.product, row.warehouse);
  }
  for (const t of await store.collection<TriggerDoc>(TRIGGERS).find({ open: true })) add(t.product, t.warehouse);
  return pairs;
}

export async function scanReplenishment({
  store,
  outbound,
  definitions,
  now,
}: {
  store: Store;
  outbound?: Outbound;
  definitions: DefinitionRegistry;
  now: Date;
}): Promise<ScanReport> {
  const state = store.collection<ScanState>(SCAN_STATE);
  const previous = await state.findById('watermark');
  const since = previous ? new Date(previous.lastStartedAt.getTime() - MARGIN_MS) : new Date(0);
  const report: ScanReport = { checked: 0, opened: 0, open: 0, resolved: 0 };
  for (const { product, warehouse } of (await changedPairs(store, since)).values()) {
    const outcome: CheckOutcome = await checkReplenishment({
      store,
      ...(outbound ? { outbound } : {}),
      definitions,
      product,
      warehouse,
      now,
    });
    report.checked += 1;
    if (outcome !== 'fine') report[outcome] += 1;
  }
  await state.updateOne({ _id: 'watermark' }, { $set: { lastStartedAt: now } }, { upsert: true });
  return report;
}
