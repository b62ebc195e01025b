// How much of each sales order line has shipped, counted exactly once under any
// concurrency: one `sales_shipments` document per order lists the shipments
// counted (by the shipping effect's key, with the qty per order line, milli-units).
// Each shipment is checked against what is left and written with a version guard,
// so two deliveries of the same order at the same moment cannot both take the
// last units. An entry stops counting once its issue operation was undone or
// failed (the change that shipped it did not commit), as purchasing's receipt
// tally does, so nothing has to remember to un-count it.
// Counted in the product's base unit (engine/units, exact): a delivery of 12 件
// against an order line of 2 箱 (箱 = 12 件) ships 1 箱 of it.
import Decimal from 'decimal.js';
import { documentsCollection, type DocumentRecord } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import { fieldError, renderMessage, type MessageKey, type MessageParams } from '../messages/index';
import { OPERATIONS, operationId, toMilli, toUnits } from '../inventory/index';
import type { Collection, Store, StoredDoc } from '../store/index';
import { unitFactor, type ProductData } from '../units/index';

export const SALES_SHIPMENTS = 'sales_shipments';
const MAX_TRIES = 50;
const NOT_SHIPPED = new Set<string>(['undone', 'undoing', 'failed']);

export interface ShipmentEntry {
  key: string;
  /** The delivery (or the order itself when it shipped as a whole). */
  by: string;
  /** Milli-units of the product's base unit when `base` (entries without it were counted as entered). */
  lines: Array<{ line: number; qty: number }>;
  base?: true;
}

interface ShipmentTally extends StoredDoc {
  entries: ShipmentEntry[];
  version: number;
  updatedAt: Date;
}

/**
 * One line to ship: a product and qty in the line's unit (`unit`, empty for the
 * base unit; counted against the order line in the base unit), `at` the field path for a refusal.
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

type OrderLine = { product?: unknown; qty?: unknown; unit?: unknown };
const orderLines = (order: DocumentRecord): OrderLine[] =>
  Array.isArray(order.data.lines) ? (order.data.lines as OrderLine[]) : [];

type Products = Map<string, ProductData>;

async function productsOf(store: Store, ids: unknown[]): Promise<Products> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  const docs = wanted.length === 0 ? [] : await documentsCollection(store, 'product').find({ _id: { $in: wanted } });
  return new Map(docs.map((d) => [d._id, d.data]));
}

/** Base units per one unit of the line (a unit the product no longer knows counts as the base unit: it was checked on save). */
const factorOf = (products: Products, product: unknown, unit: unknown): Decimal =>
  unitFactor(products.get(String(product)) ?? {}, unit) ?? new Decimal(1);

/** `qty` entered in `unit`, in milli base units. */
const baseMilli = (qty: unknown, factor: Decimal, path: string): number =>
  toMilli(new Decimal(toMilli(qty ?? 0, path)).times(factor).div(1000).toDecimalPlaces(3).toString(), path);

function byLine(entries: ShipmentEntry[], order: DocumentRecord, products: Products): Map<number, number> {
  const lines = orderLines(order);
  const out = new Map<number, number>();
  for (const e of entries)
    for (const l of e.lines) {
      const line = lines[l.line];
      const qty =
        e.base || !line ? l.qty : baseMilli(toUnits(l.qty), factorOf(products, line.product, line.unit), '/qty');
      out.set(l.line, (out.get(l.line) ?? 0) + qty);
    }
  return out;
}

/** Per order line: ordered and shipped in milli base units, and the line unit's factor. */
export interface LineShipped {
  ordered: number;
  shipped: number;
  factor: Decimal;
}

/** What has shipped of each order line (by index); empty when nothing has. */
export async function shippedByLine(store: Store, order: DocumentRecord): Promise<LineShipped[]> {
  const tally = await tallies(store).findById(order._id);
  const entries = tally ? await counting(store, tally.entries) : [];
  if (entries.length === 0) return [];
  const products = await productsOf(
    store,
    orderLines(order).map((l) => l.product),
  );
  const shipped = byLine(entries, order, products);
  return orderLines(order).map((l, i) => {
    const factor = factorOf(products, l.product, l.unit);
    return { ordered: baseMilli(l.qty, factor, `/lines/${i}/qty`), shipped: shipped.get(i) ?? 0, factor };
  });
}

/** A base-unit count for people: "24 件" (the product's base unit), in units. */
const shown = (milli: number, product: ProductData | undefined): string =>
  typeof product?.unit === 'string' && product.unit !== ''
    ? `${toUnits(milli)} ${product.unit}`
    : String(toUnits(milli));

/** Spreads each shipped line over the order's lines of that product, in order (in base units); refuses what does not fit. */
function assign(
  order: DocumentRecord,
  shipped: Map<number, number>,
  lines: ShipLine[],
  products: Products,
): ShipmentEntry['lines'] {
  const ordered = orderLines(order).map((l, i) =>
    baseMilli(l.qty, factorOf(products, l.product, l.unit), `/lines/${i}/qty`),
  );
  const room = ordered.map((qty, i) => qty - (shipped.get(i) ?? 0));
  const out = new Map<number, number>();
  lines.forEach((l, n) => {
    const product = products.get(l.product);
    const name = nameOf(product, l.product);
    let left = baseMilli(l.qty, factorOf(products, l.product, l.unit), `${l.at}/qty`);
    const wanted = left;
    const indexes = orderLines(order).flatMap((o, i) => (o.product === l.product ? [i] : []));
    if (indexes.length === 0)
      throw refuse(
        'RULE_FAILED.shipment_product_not_ordered',
        { line: n + 1, product: name, number: order.number },
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
      throw refuse(
        'RULE_FAILED.over_shipment',
        {
          line: n + 1,
          product: name,
          ordered: shown(
            indexes.reduce((t, i) => t + ordered[i], 0),
            product,
          ),
          shipped: shown(
            indexes.reduce((t, i) => t + (shipped.get(i) ?? 0), 0),
            product,
          ),
          now: shown(wanted, product),
        },
        `${l.at}/qty`,
      );
    }
  });
  return [...out].map(([line, qty]) => ({ line, qty }));
}

/** "name (sku)" of a product, for refusals people can read. */
function nameOf(product: ProductData | undefined, id: string): string {
  const { name, sku } = (product ?? {}) as { name?: string; sku?: string };
  return name && sku ? `${name} (${sku})` : (name ?? sku ?? id);
}

/** Counts a shipment against its order, or throws RULE_FAILED (422) naming the line; nothing counted then. */
export async function recordShipment(
  store: Store,
  input: { key: string; by: string; order: DocumentRecord; lines: ShipLine[] },
): Promise<ShipmentEntry['lines']> {
  const products = await productsOf(store, [
    ...input.lines.map((l) => l.product),
    ...orderLines(input.order).map((l) => l.product),
  ]);
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const tally = await readTally(store, input.order._id);
    const others = await counting(
      store,
      tally.entries.filter((e) => e.key !== input.key),
    );
    const lines = assign(input.order, byLine(others, input.order, products), input.lines, products);
    const entry: ShipmentEntry = { key: input.key, by: input.by, lines, base: true };
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
