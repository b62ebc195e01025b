// Effect handlers `inventory.*`: map a document's lines to inventory operations.
// The idempotency key is the effect's key from the documents engine
// (`${docId}:${seq}:${fingerprint}:${effect}` before the commit, the outbox id
// `${docId}:${seq}:${effect}` after it), so any retry of one effect applies it once.
// Field names follow §13 and can be overridden per transition (effectOptions).
import { documentsCollection, type EffectContext, type EffectHandler, type EffectOptions } from '../documents/index';
import { inventoryEffectOptions } from './effect-phases';
import type { InventoryEffectOptions } from '../definitions/index';
import type { Store } from '../store/index';
import {
  addIncoming,
  adjustStock,
  issueStock,
  receiveStock,
  releaseStock,
  removeIncoming,
  reserveStock,
  type QtyLine,
  type StockOperationInput,
} from './operations';
import { AppError } from '../errors';
import { allocateWaiting } from './allocate';
import { acceptBackorder, backordersOf, cancelBackorders } from './backorders';
import { MOVES, type MoveDoc } from './types';
import { transferStock } from './transfer';
import { linesInBaseUnits } from '../units/index';
import { withFallbackCosts, withReceiptCosts } from './receipt-costs';

type Line = Record<string, unknown>;

/** What the check of a receipt against its purchase order is given (before any stock moves). */
export interface ReceiptCheckInput {
  store: Store;
  /** The receive effect's idempotency key. */
  key: string;
  receipt: Pick<EffectContext['doc'], '_id' | 'number'>;
  purchaseOrder: string;
  warehouse: string;
  lines: Array<{ product: string; qty: number | string }>;
}

/**
 * Refuses over-receipt against a purchase order. Purchasing's check, passed in by
 * the engine context (context/builtins.ts): purchasing reads inventory's
 * operations, so inventory does not import purchasing (docs/architecture.md).
 */
export type ReceiptCheck = (input: ReceiptCheckInput) => Promise<void>;

export interface InventoryEffectDeps {
  checkReceipt: ReceiptCheck;
}

function optionsOf(ctx: EffectContext): InventoryEffectOptions {
  return ctx.options;
}

function field(ctx: EffectContext, name: string | undefined, fallback: string): unknown {
  return ctx.doc.data[name ?? fallback];
}

function linesOf(ctx: EffectContext): Line[] {
  const lines = field(ctx, optionsOf(ctx).linesField, 'lines');
  return Array.isArray(lines) ? lines.filter((l): l is Line => typeof l === 'object' && l !== null) : [];
}

const idOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function text(line: Line, name: string): string | undefined {
  const value = line[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Lines with a positive quantity (a receipt line may have everything rejected).
 * `qtyFields` are tried in order unless the transition names one.
 */
async function qtyLines(
  ctx: EffectContext,
  ...qtyFields: string[]
): Promise<Array<{ product: string; qty: number | string; batch?: string; expiry?: string }>> {
  const o = optionsOf(ctx);
  const fields = o.qtyField ? [o.qtyField] : qtyFields;
  const lines = linesOf(ctx)
    .map((line) => ({
      product: idOf(line[o.productField ?? 'product']),
      qty: fields.map((f) => line[f]).find((v) => v !== undefined && v !== null) as number | string,
      batch: text(line, o.batchField ?? 'batch'),
      expiry: text(line, o.expiryField ?? 'expiry'),
      unit: text(line, 'unit'),
    }))
    .filter((line) => line.qty !== undefined && !(typeof line.qty === 'number' && line.qty <= 0));
  // Stock is kept in the product's base unit: a line entered in 箱 moves factor × qty 件.
  return linesInBaseUnits(ctx.store, lines);
}

/** One entry per product: releases and un-expects take everything the document still holds. */
function productLines(ctx: EffectContext): Array<{ product: string }> {
  const productField = optionsOf(ctx).productField ?? 'product';
  return [...new Set(linesOf(ctx).map((line) => idOf(line[productField])))].map((product) => ({ product }));
}

async function allowsNegative(store: Store, warehouse: string): Promise<boolean> {
  const doc = warehouse ? await documentsCollection(store, 'warehouse').findById(warehouse) : null;
  return doc?.data?.allowNegative === true;
}

async function base(ctx: EffectContext, warehouseField: string | undefined): Promise<StockOperationInput> {
  const warehouse = idOf(field(ctx, warehouseField, 'warehouse'));
  return {
    store: ctx.store,
    ...(ctx.engine.outbound ? { outbound: ctx.engine.outbound } : {}),
    key: ctx.outboxId,
    ref: { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number },
    warehouse,
    allowNegative: await allowsNegative(ctx.store, warehouse),
    by: ctx.event.actor.id,
  };
}

const nothingToDo = (lines: unknown[]): boolean => lines.length === 0;

function backorderRequest(
  ctx: EffectContext,
  o: InventoryEffectOptions,
  input: StockOperationInput & { lines: QtyLine[] },
  refusal: AppError,
) {
  const priorityField = o.priorityField ?? 'priority';
  const priority = ctx.doc.data[priorityField];
  return {
    store: ctx.store,
    key: input.key,
    ref: input.ref,
    refVersion: ctx.doc.version,
    warehouse: input.warehouse,
    lines: input.lines,
    acceptsWaiting: ctx.doc.data[o.backorderField ?? 'acceptBackorder'] === true,
    priority: typeof priority === 'number' && Number.isFinite(priority) ? priority : 3,
    priorityField,
    needByField: o.needByField ?? 'deliveryDate',
    orderedAt: new Date(ctx.doc.createdAt).toISOString(),
    refusal,
  };
}

/**
 * Reserves `input` for the document; short, and `o` (the reserve effect's options)
 * takes backorders: waits for stock instead (backorders.ts), and a promised date is
 * written with the change itself, so the answer carries the version as stored.
 * Also a change request's raised quantity (approvals/rebalance.ts).
 */
export async function reserveOrWait(
  ctx: EffectContext,
  o: InventoryEffectOptions,
  input: StockOperationInput & { lines: QtyLine[] },
): Promise<void> {
  try {
    await reserveStock(input);
  } catch (err) {
    if (!o.backorders || !(err instanceof AppError) || err.code !== 'RULE_FAILED') throw err;
    if (!(await acceptBackorder(backorderRequest(ctx, o, input, err)))) return;
    // The latest date any of its lines is promised for (as fulfilment.sync shows it).
    const dates = (await backordersOf(ctx.store, ctx.doc._id))
      .filter((b) => b.status !== 'cancelled' && b.promisedDate)
      .map((b) => b.promisedDate as string)
      .sort();
    if (dates.length > 0) ctx.amend?.({ promisedDate: dates[dates.length - 1] });
  }
}

const receiveEffect =
  (checkReceipt: ReceiptCheck): EffectHandler =>
  async (ctx) => {
    const o = optionsOf(ctx);
    // Goods receipts carry acceptedQty; sales returns a plain qty.
    const lines = await qtyLines(ctx, 'acceptedQty', 'qty');
    const purchaseOrder = idOf(field(ctx, o.purchaseOrderField, 'purchaseOrder'));
    if (nothingToDo(lines)) return;
    const input = await base(ctx, o.warehouseField);
    // Refuses over-receipt (beyond the ordered qty plus tolerance) before any stock moves.
    if (purchaseOrder)
      await checkReceipt({
        store: ctx.store,
        key: ctx.outboxId,
        receipt: ctx.doc,
        purchaseOrder,
        warehouse: input.warehouse,
        lines,
      });
    const salesOrder = idOf(field(ctx, undefined, 'salesOrder')) || undefined;
    const costed = await withReceiptCosts(ctx.store, lines, { purchaseOrder: purchaseOrder || undefined, salesOrder });
    await receiveStock({ ...input, lines: costed, ...(purchaseOrder ? { purchaseOrder } : {}) });
  };

/** The `inventory.*` handlers, the receive effect checking receipts with `deps.checkReceipt`. */
export function inventoryEffects(deps: InventoryEffectDeps): Record<string, EffectHandler> {
  return {
    'inventory.reserve': async (ctx) => {
      const lines = await qtyLines(ctx, 'qty');
      if (nothingToDo(lines)) return;
      await reserveOrWait(ctx, optionsOf(ctx), { ...(await base(ctx, optionsOf(ctx).warehouseField)), lines });
    },
    'inventory.release': async (ctx) => {
      const lines = productLines(ctx);
      // What still waits stops waiting first, so no grant lands after the release.
      await cancelBackorders(ctx.store, ctx.doc._id);
      if (!nothingToDo(lines)) await releaseStock({ ...(await base(ctx, optionsOf(ctx).warehouseField)), lines });
    },
    'inventory.allocate': async (ctx) => {
      // Where this document put stock (receipt, transfer in, return), and what it waits for itself (an order).
      const moves = await ctx.store.collection<MoveDoc>(MOVES).find({ 'ref.id': ctx.doc._id });
      const pairs = new Map<string, { product: string; warehouse: string }>();
      for (const m of moves) if (m.delta.onHand > 0) pairs.set(`${m.product}|${m.warehouse}`, m);
      for (const b of await backordersOf(ctx.store, ctx.doc._id)) pairs.set(`${b.product}|${b.warehouse}`, b);
      // Waiting for the lock (not asking its holder): the document's answer comes after the allocation.
      for (const { product, warehouse } of pairs.values()) await allocateWaiting(ctx.store, product, warehouse, true);
    },
    'inventory.issue': async (ctx) => {
      const lines = await qtyLines(ctx, 'qty');
      if (!nothingToDo(lines)) await issueStock({ ...(await base(ctx, optionsOf(ctx).warehouseField)), lines });
    },
    'inventory.receive': receiveEffect(deps.checkReceipt),
    'inventory.expect': async (ctx) => {
      const lines = await qtyLines(ctx, 'qty');
      if (!nothingToDo(lines)) await addIncoming({ ...(await base(ctx, optionsOf(ctx).warehouseField)), lines });
    },
    'inventory.unexpect': async (ctx) => {
      const lines = productLines(ctx);
      if (!nothingToDo(lines)) await removeIncoming({ ...(await base(ctx, optionsOf(ctx).warehouseField)), lines });
    },
    'inventory.transfer': async (ctx) => {
      const o = optionsOf(ctx);
      const lines = await qtyLines(ctx, 'qty');
      if (nothingToDo(lines)) return;
      const from = await base(ctx, o.fromWarehouseField ?? 'fromWarehouse');
      await transferStock({
        ...from,
        fromWarehouse: from.warehouse,
        toWarehouse: idOf(field(ctx, o.toWarehouseField, 'toWarehouse')),
        lines,
        // Crash tests stop the engine between the legs (engine/faults).
        afterFirstLeg: () => ctx.engine.faults.hit('inventory.afterFirstTransferLeg', { key: ctx.outboxId }),
      });
    },
    'inventory.adjust': async (ctx) => {
      const o = optionsOf(ctx);
      const countedField = o.qtyField ?? 'countedQty';
      const lines = linesOf(ctx).map((line) => ({
        product: idOf(line[o.productField ?? 'product']),
        counted: line[countedField] as number | string,
        ...(text(line, o.batchField ?? 'batch') ? { batch: text(line, o.batchField ?? 'batch') } : {}),
      }));
      if (nothingToDo(lines)) return;
      await adjustStock({ ...(await base(ctx, o.warehouseField)), lines: await withFallbackCosts(ctx.store, lines) });
    },
  };
}

/** Registers the handlers, with their phase and compensation (effect-phases.ts), into an engine's effect registry. */
export function registerInventoryEffects(
  register: (name: string, handler: EffectHandler, options?: EffectOptions) => void,
  deps: InventoryEffectDeps,
): void {
  for (const [name, handler] of Object.entries(inventoryEffects(deps)))
    register(name, handler, inventoryEffectOptions[name]);
}
