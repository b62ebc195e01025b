// Shipping effects:
// - `fulfilment.ship` (delivery `ship`, before the commit): the delivery's lines
//   are counted against its order (shipment-tally.ts) and issued from what the
//   order reserved — only that, never free stock others may wait for. A change
//   that does not commit is undone by the issue's key, and its count then lapses.
// - `fulfilment.ship_order` (order `ship`): the same for the whole order at once;
//   refused once any part has shipped.
// - `fulfilment.sync` (after the commit, on order approval and delivery ship):
//   on approval first allocates what the order was accepted to wait for; then writes onto the order what it shows — each line's
//   `shippedQty` / `remainingQty` once part has shipped, the `promisedDate` of backorders sold against
//   incoming stock — and moves it to `shipped` once everything has shipped.
//   Recomputed from the records each time, so a retry or a late run is harmless.
import Decimal from 'decimal.js';
import {
  applyChange,
  documentsCollection,
  type DocumentRecord,
  type EffectContext,
  type EffectHandler,
} from '../documents/index';
import { AppError } from '../errors';
import { allocateWaiting, backordersOf, issueStock, undoOperation } from '../inventory/index';
import { linesInBaseUnits } from '../units/index';
import { recordShipment, refuse, shippedByLine, type ShipLine } from './shipment-tally';

const SYNC_TRIES = 20;
type Line = Record<string, unknown>;

const linesOf = (doc: DocumentRecord): Line[] =>
  Array.isArray(doc.data.lines) ? (doc.data.lines as Line[]).filter((l) => typeof l === 'object' && l !== null) : [];

const shipLines = (doc: DocumentRecord): ShipLine[] =>
  linesOf(doc)
    .map((l, i) => ({
      product: String(l.product ?? ''),
      qty: l.qty as number,
      at: `/lines/${i}`,
      ...(typeof l.unit === 'string' && l.unit !== '' ? { unit: l.unit } : {}),
    }))
    .filter((l) => typeof l.qty === 'number' && l.qty > 0);

async function allowsNegative(ctx: EffectContext, warehouse: string): Promise<boolean> {
  const doc = await documentsCollection(ctx.store, 'warehouse').findById(warehouse);
  return doc?.data?.allowNegative === true;
}

async function ship(ctx: EffectContext, order: DocumentRecord, lines: ShipLine[]): Promise<void> {
  const warehouse = String(order.data.warehouse ?? '');
  // The order reserved in the base unit (a line of 2 箱 holds 24 件), so it issues in it too;
  // an unknown unit is refused here, naming the line, before anything is counted.
  const inBase = await linesInBaseUnits(
    ctx.store,
    lines.map((l) => ({ product: l.product, qty: l.qty, ...(l.unit ? { unit: l.unit } : {}) })),
  );
  await recordShipment(ctx.store, { key: ctx.outboxId, by: ctx.doc._id, order, lines });
  await issueStock({
    store: ctx.store,
    key: ctx.outboxId,
    ref: { type: order.type, id: order._id, number: order.number },
    warehouse,
    allowNegative: await allowsNegative(ctx, warehouse),
    lines: inBase.map((l) => ({ product: l.product, qty: l.qty })),
    fromReserved: true,
    reservedOnly: true,
    by: ctx.event.actor.id,
  });
}

export const shipDeliveryEffect: EffectHandler = async (ctx) => {
  const orderId = String(ctx.doc.data.salesOrder ?? '');
  const order = await documentsCollection(ctx.store, 'sales_order').findById(orderId);
  if (!order) throw refuse('RULE_FAILED.shipment_order_missing', { order: orderId }, '/salesOrder');
  if (order.state !== 'approved')
    throw refuse('RULE_FAILED.shipment_order_state', { number: order.number, state: order.state }, '/salesOrder');
  if (ctx.doc.data.warehouse !== order.data.warehouse)
    throw refuse('RULE_FAILED.shipment_warehouse_differs', { number: order.number }, '/warehouse');
  await ship(ctx, order, shipLines(ctx.doc));
};

/** The whole order ships: its lines show it in the same change (every line shipped, nothing remaining). */
export const shipOrderEffect: EffectHandler = async (ctx) => {
  await ship(ctx, ctx.doc, shipLines(ctx.doc));
  if (Array.isArray(ctx.doc.data.lines))
    ctx.amend?.({
      lines: (ctx.doc.data.lines as unknown[]).map((l) =>
        typeof l === 'object' && l !== null ? { ...l, shippedQty: (l as Line).qty, remainingQty: 0 } : l,
      ),
    });
};

/** Both shipping effects: undo the issue by its key; the shipment's count lapses with it. */
export const undoShipment: EffectHandler = async (ctx) => {
  await undoOperation({ store: ctx.store }, ctx.outboxId);
};

const SYNCED_STATES = new Set(['approved', 'shipped']);

/** The order's data as its shipments and backorders say, and whether everything has shipped. */
async function wanted(ctx: EffectContext, order: DocumentRecord): Promise<{ data: Line; complete: boolean }> {
  const shipped = await shippedByLine(ctx.store, order);
  let complete = shipped.length > 0;
  // Shown in each line's own unit (12 件 of a line in 箱 of 12 is 1 箱); complete is judged in base units.
  const inLineUnit = (milli: number, factor: Decimal): number =>
    new Decimal(milli).div(1000).div(factor).toDecimalPlaces(3).toNumber();
  // Nothing shipped yet: the lines stay as they are (no write, so the caller's version stays current).
  const lines = !complete
    ? linesOf(order)
    : linesOf(order).map((line, i) => {
        const { ordered, shipped: done, factor } = shipped[i] ?? { ordered: 0, shipped: 0, factor: new Decimal(1) };
        if (done < ordered) complete = false;
        return {
          ...line,
          shippedQty: inLineUnit(done, factor),
          remainingQty: inLineUnit(Math.max(0, ordered - done), factor),
        };
      });
  const promised = (await backordersOf(ctx.store, order._id))
    .filter((b) => b.status !== 'cancelled' && b.promisedDate)
    .map((b) => b.promisedDate as string)
    .sort();
  const data: Line = { ...order.data, lines };
  if (promised.length > 0) data.promisedDate = promised[promised.length - 1];
  return { data, complete };
}

export const syncOrderEffect: EffectHandler = async (ctx) => {
  const orderId = ctx.doc.type === 'sales_order' ? ctx.doc._id : String(ctx.doc.data.salesOrder ?? '');
  // On the order's approval: what it was accepted to wait for gets what is there now, by priority.
  if (ctx.doc.type === 'sales_order')
    for (const b of await backordersOf(ctx.store, orderId))
      if (b.status === 'waiting') await allocateWaiting(ctx.store, b.product, b.warehouse);
  const orders = documentsCollection(ctx.store, 'sales_order');
  for (let tries = 0; tries < SYNC_TRIES; tries += 1) {
    const order = await orders.findById(orderId);
    if (!order || !SYNCED_STATES.has(order.state)) return;
    const { data, complete } = await wanted(ctx, order);
    const state = order.state === 'approved' && complete ? 'shipped' : order.state;
    if (state === order.state && JSON.stringify(data) === JSON.stringify(order.data)) return;
    const by = { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number };
    try {
      await applyChange(ctx.store, {
        engine: ctx.engine,
        current: order,
        expectedVersion: order.version,
        data,
        state,
        event:
          state === order.state
            ? { kind: 'updated', details: { shipmentsOf: by } }
            : { kind: 'transition', transition: 'ship', details: { shipmentsOf: by } },
        actor: ctx.event.actor,
        now: new Date(),
      });
      return;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'VERSION_CONFLICT')) throw err;
    }
  }
  throw new Error(`sales order ${orderId} kept changing while its shipments were written; the outbox retries`);
};
