// How much of each sales order line has shipped, counted exactly once under any
// concurrency: one `sales_shipments` document per order lists the shipments
// counted (by the shipping effect's key, with the qty per order line, milli-units).
// Each shipment is checked against what is left and written with a version guard,
// so two deliveries of the same order at the same moment cannot both take the
// last units. An entry stops counting once its issue operation was undone or
// failed (the change that shipped it did not commit), as purchasing's receipt
// tally does, so nothing has to remember to un-count it.
import { documentsCollection, type DocumentRecord } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import { fieldError, renderMessage, type MessageKey, type MessageParams } from '../messages/index';
import { OPERATIONS, operationId, toMilli, toUnits } from '../inventory/index';
import type { Collection, Store, StoredDoc } from '../store/index';

export const SALES_SHIPMENTS = 'sales_shipments';
const MAX_TRIES = 50;
const NOT_SHIPPED = new Set<string>(['undone', 'undoing', 'failed']);

export interface ShipmentEntry {
  key: string;
  /** The delivery (or the order itself when it shipped as a whole). */
  by: string;
  lines: Array<{ line: number; qty: number }>;
}

interface ShipmentTally extends StoredDoc {
  entries: ShipmentEntry[];
  version: number;
  updatedAt: Date;
}

/**
 * One line to ship: a product and qty in the line's unit (`unit`, empty for the
 * base unit; counted against the order line as entered), `at` the field path for a refusal.
 */
export interface ShipLine {
  product: string;
  qty: number | string;
  unit?: string;
  at: string;
}

const tallies = (store: Store): Collection<ShipmentTally> => store.collection<ShipmentTally>(SALES_SHIPMENTS);

export function refuse(key: MessageKey, params: MessageParams, path: string): AppError {
  return new AppError('RULE_FAILED', renderMessage(key, 'en', params), {
    key,
    params,
    errors: [fieldError(path, key, params)],
  });
}

async function readTally(store: Store, id: string): Promise<ShipmentTally> {
  const existing = await tallies(store).findById(id);
  if (existing) return existing;
  try {
    return await tallies(store).insertOne({ _id: id, entries: [], version: 0, updatedAt: new Date() });
  } catch (err) {
    const raced = err instanceof DuplicateKeyError ? await tallies(store).findById(id) : null;
    if (!raced) throw err;
    return raced;
  }
}

async function counting(store: Store, entries: ShipmentEntry[]): Promise<ShipmentEntry[]> {
  const ops = store.collection<StoredDoc & { status: string }>(OPERATIONS);
  const out: ShipmentEntry[] = [];
  for (const entry of entries) {
    const op = await ops.findById(operationId(entry.key));
    if (!op || !NOT_SHIPPED.has(op.status)) out.push(entry);
  }
  return out;
}

function byLine(entries: ShipmentEntry[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of entries) for (const l of e.lines) out.set(l.line, (out.get(l.line) ?? 0) + l.qty);
  return out;
}

/** Shipped qty per order line (index), milli-units. */
export async function shippedByLine(store: Store, orderId: string): Promise<Map<number, number>> {
  const tally = await tallies(store).findById(orderId);
  return byLine(tally ? await counting(store, tally.entries) : []);
}

type OrderLine = { product?: unknown; qty?: unknown };
const orderLines = (order: DocumentRecord): OrderLine[] =>
  Array.isArray(order.data.lines) ? (order.data.lines as OrderLine[]) : [];

/** Spreads each shipped line over the order's lines of that product, in order; refuses what does not fit. */
function assign(
  order: DocumentRecord,
  shipped: Map<number, number>,
  lines: ShipLine[],
  names: Map<string, string>,
): ShipmentEntry['lines'] {
  const room = orderLines(order).map((l, i) => toMilli(l.qty ?? 0, `/lines/${i}/qty`) - (shipped.get(i) ?? 0));
  const out = new Map<number, number>();
  lines.forEach((l, n) => {
    let left = toMilli(l.qty, `${l.at}/qty`);
    const indexes = orderLines(order).flatMap((o, i) => (o.product === l.product ? [i] : []));
    if (indexes.length === 0)
      throw refuse(
        'RULE_FAILED.shipment_product_not_ordered',
        { line: n + 1, product: names.get(l.product) ?? l.product, number: order.number },
        `${l.at}/product`,
      );
    for (const i of indexes) {
      const take = Math.min(left, Math.max(0, room[i]));
      if (take <= 0) continue;
      room[i] -= take;
      left -= take;
      out.set(i, (out.get(i) ?? 0) + take);
    }
    if (left > 0) {
      const ordered = indexes.reduce((t, i) => t + toMilli(orderLines(order)[i].qty ?? 0), 0);
      const already = indexes.reduce((t, i) => t + (shipped.get(i) ?? 0), 0);
      throw refuse(
        'RULE_FAILED.over_shipment',
        {
          line: n + 1,
          product: names.get(l.product) ?? l.product,
          ordered: toUnits(ordered),
          shipped: toUnits(already),
          now: toUnits(toMilli(l.qty)),
        },
        `${l.at}/qty`,
      );
    }
  });
  return [...out].map(([line, qty]) => ({ line, qty }));
}

/** "name (sku)" of the products named, for refusals people can read. */
async function productNames(store: Store, lines: ShipLine[]): Promise<Map<string, string>> {
  const ids = [...new Set(lines.map((l) => l.product))];
  const docs = await documentsCollection(store, 'product').find({ _id: { $in: ids } });
  const out = new Map<string, string>();
  for (const d of docs) {
    const { name, sku } = d.data as { name?: string; sku?: string };
    out.set(d._id, name && sku ? `${name} (${sku})` : (name ?? sku ?? d._id));
  }
  return out;
}

/** Counts a shipment against its order, or throws RULE_FAILED (422) naming the line; nothing counted then. */
export async function recordShipment(
  store: Store,
  input: { key: string; by: string; order: DocumentRecord; lines: ShipLine[] },
): Promise<ShipmentEntry['lines']> {
  const names = await productNames(store, input.lines);
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const tally = await readTally(store, input.order._id);
    const others = await counting(
      store,
      tally.entries.filter((e) => e.key !== input.key),
    );
    const lines = assign(input.order, byLine(others), input.lines, names);
    const entry: ShipmentEntry = { key: input.key, by: input.by, lines };
    // Written even when the entry exists (a retry after an undo): the version bump serialises concurrent shipments.
    const written = await tallies(store).updateOne(
      { _id: tally._id, version: tally.version },
      {
        $set: {
          entries: [...tally.entries.filter((e) => e.key !== input.key), entry],
          version: tally.version + 1,
          updatedAt: new Date(),
        },
      },
    );
    if (written) return lines;
  }
  throw new AppError('VERSION_CONFLICT', 'Stock is changing too fast; retry shortly', {
    key: 'VERSION_CONFLICT.stock_contended',
  });
}

/**
 * The issue keys (stock operation keys, each move's `op`) of what `by` — a delivery,
 * or the order when it shipped whole — shipped of `orderId`. The moves carry the
 * order as their ref (they consume its reservation), so this is how cost postings
 * find one shipment's moves among the order's.
 */
export async function shipmentKeysOf(store: Store, orderId: string, by: string): Promise<string[]> {
  const tally = await tallies(store).findById(orderId);
  return (tally?.entries ?? []).filter((e) => e.by === by).map((e) => e.key);
}
