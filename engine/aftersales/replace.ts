// The replacement goods of an exchange (换货发出):
// - `after_sales.issue_replacement` (resolve, before the commit): the returned
//   lines leave the warehouse again as new goods — issued from available stock
//   in one guarded operation (taking free stock and shipping it at once, so
//   nothing stays reserved in between and nothing reserved for other orders is
//   touched). Short stock refuses the resolve: 422 naming `/lines/N/qty` with
//   the product, warehouse, available and requested; the case stays in progress
//   (its SLA keeps running and escalates as usual) and nothing has moved. A
//   serious ERP does not mark an exchange settled while the customer still has
//   no goods: resolving is the promise that the replacement is on its way. A
//   change that does not commit undoes the issue by its key.
// - `after_sales.deliver_replacement` (after the commit): the delivery (发货单)
//   of the replacement, created already `shipped` for the original order's
//   customer (so tracking, signing and the 送货单 print work as for any delivery),
//   linked both ways with the case; the cost of what was issued is booked like a
//   delivery's (engine/finance). It never counts against the order's shipments:
//   the order was sold once, this is the same sale's goods again. No money moves
//   with the customer — an even exchange is the returned lines, same product,
//   same quantity.
// Exactly once: resolve happens once per case, the issue is keyed by the
// change, the delivery's id derives from the case, the cost is keyed by the delivery.
import { type DocumentRecord, documentsCollection, type EffectContext, type EffectHandler } from '../documents/index';
import { AppError } from '../errors';
import { assertPeriodOpen, bookReplacementCost } from '../finance/index';
import { addLink, createSystemDocument, derivedId } from '../flows/index';
import { issueStock, undoOperation } from '../inventory/index';
import { fieldError } from '../messages/index';
import { linesInBaseUnits } from '../units/index';

type Line = { product?: string; qty?: number };

/** The id of the delivery that ships a case's replacement. */
export const replacementDeliveryId = (caseId: string): string => derivedId(`after_sales:${caseId}:delivery`);

const replaces = (doc: DocumentRecord): boolean => doc.data.kind === 'exchange';

const linesOf = (doc: DocumentRecord): Array<{ product: string; qty: number; at: number }> =>
  (Array.isArray(doc.data.lines) ? (doc.data.lines as Line[]) : [])
    .map((l, at) => ({ product: String(l?.product ?? ''), qty: Number(l?.qty), at }))
    .filter((l) => l.product !== '' && Number.isFinite(l.qty) && l.qty > 0);

/** The original order: named on the case, or the order of the case's delivery. */
async function orderOf(ctx: EffectContext): Promise<DocumentRecord | null> {
  const d = ctx.doc.data;
  let id = typeof d.salesOrder === 'string' ? d.salesOrder : '';
  if (!id && typeof d.delivery === 'string') {
    const delivery = await documentsCollection(ctx.store, 'delivery').findById(d.delivery);
    id = typeof delivery?.data.salesOrder === 'string' ? delivery.data.salesOrder : '';
  }
  return id ? documentsCollection(ctx.store, 'sales_order').findById(id) : null;
}

/** The case's own warehouse when it names one (the one handling it), else the order's. */
const warehouseOf = (doc: DocumentRecord, order: DocumentRecord): string =>
  String((typeof doc.data.warehouse === 'string' && doc.data.warehouse) || order.data.warehouse || '');

async function allowsNegative(ctx: EffectContext, warehouse: string): Promise<boolean> {
  const doc = await documentsCollection(ctx.store, 'warehouse').findById(warehouse);
  return doc?.data?.allowNegative === true;
}

/** The stock refusal, re-said for the case: which of its lines could not be replaced. */
function shortLine(err: AppError, lines: Array<{ at: number }>): AppError {
  const extra = err.extra ?? {};
  const at = lines[Number(extra.line)]?.at ?? 0;
  const params = {
    line: at + 1,
    product: String(extra.productName ?? extra.product ?? ''),
    warehouse: String(extra.warehouseName ?? extra.warehouse ?? ''),
    available: Number(extra.available ?? 0),
    requested: Number(extra.requested ?? 0),
  };
  const key = 'RULE_FAILED.exchange_stock_short';
  return new AppError('RULE_FAILED', err.message, {
    key,
    params,
    errors: [fieldError(`/lines/${at}/qty`, key, params)],
    extra: { ...extra, line: at },
    cause: err,
  });
}

export const issueReplacementEffect: EffectHandler = async (ctx) => {
  const lines = linesOf(ctx.doc);
  if (!replaces(ctx.doc) || lines.length === 0) return;
  const order = await orderOf(ctx);
  if (!order) {
    const key = 'RULE_FAILED.exchange_needs_order';
    throw new AppError('RULE_FAILED', 'An exchange ships its replacement against the original sales order', {
      key,
      errors: [fieldError('/salesOrder', key)],
    });
  }
  // The replacement's cost posts on the day of the resolve: a closed period refuses it before anything moves.
  await assertPeriodOpen(ctx.store, ctx.event.at.toISOString().slice(0, 10));
  const warehouse = warehouseOf(ctx.doc, order);
  const inBase = await linesInBaseUnits(
    ctx.store,
    lines.map((l) => ({ product: l.product, qty: l.qty })),
  );
  try {
    await issueStock({
      store: ctx.store,
      ...(ctx.engine.outbound ? { outbound: ctx.engine.outbound } : {}),
      key: ctx.outboxId,
      ref: { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number },
      warehouse,
      allowNegative: await allowsNegative(ctx, warehouse),
      lines: inBase,
      fromReserved: false,
      by: ctx.event.actor.id,
    });
  } catch (err) {
    if (err instanceof AppError && err.messageKey === 'RULE_FAILED.insufficient_stock') throw shortLine(err, lines);
    throw err;
  }
};

export const undoReplacementIssue: EffectHandler = async (ctx) => {
  await undoOperation({ store: ctx.store }, ctx.outboxId);
};

export const deliverReplacementEffect: EffectHandler = async (ctx) => {
  const lines = linesOf(ctx.doc);
  if (!replaces(ctx.doc) || lines.length === 0) return;
  // The issue before the commit found the order, so it is there (orders are never deleted).
  const order = await orderOf(ctx);
  if (!order) return;
  const target = await ctx.engine.definitions.latest('delivery');
  const from = { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number };
  const via = { effect: ctx.effect, event: ctx.event._id, transition: 'resolve' };
  const { doc } = await createSystemDocument(ctx.store, {
    registry: ctx.engine.definitions,
    compiled: target,
    id: replacementDeliveryId(ctx.doc._id),
    data: {
      salesOrder: order._id,
      customer: ctx.doc.data.customer,
      warehouse: warehouseOf(ctx.doc, order),
      lines: lines.map((l) => ({ product: l.product, qty: l.qty })),
      shipDate: ctx.event.at.toISOString().slice(0, 10),
      remark: `换货 ${ctx.doc.number}`,
    },
    actor: ctx.event.actor,
    now: ctx.event.at,
    details: { createdFrom: { ...from, ...via }, replacementFor: from },
    state: 'shipped',
  });
  await addLink(ctx.store, { from, to: { type: doc.type, id: doc._id, number: doc.number }, via, at: ctx.event.at });
  await bookReplacementCost(ctx, { delivery: doc, order, issuedBy: ctx.doc._id });
};
