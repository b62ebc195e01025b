// `after_sales.settle`, after the commit of `resolve`: a return or exchange case
// creates its sales return (退货单) — lines, customer, order, return or
// quarantine warehouse carried over, the case named on it — and moves it to
// `approved`: the sales manager who resolved the case decided the return, so it
// does not wait for a second approval. The warehouse then receives it as any
// return (restock, or into the quarantine warehouse). A refunded return carries
// its credit amount; `after_sales.credit` books it when the goods are received.
// Exactly once: the return's id derives from the case, and the approval is a
// version-guarded change that a retry finds done.
import { SYSTEM_ACTOR } from '../approvals/index';
import { applyChange, type EffectHandler } from '../documents/index';
import { AppError } from '../errors';
import { addLink, createSystemDocument, derivedId } from '../flows/index';

export const RETURNING_KINDS = ['return', 'exchange'];

/** The id of the sales return a case creates (so the credit can tell it from one typed in by hand). */
export const caseReturnId = (caseId: string): string => derivedId(`after_sales:${caseId}:sales_return`);

type Line = { product?: string; qty?: number; price?: number };

export const settleEffect: EffectHandler = async (ctx) => {
  const d = ctx.doc.data;
  const lines = Array.isArray(d.lines) ? (d.lines as Line[]) : [];
  if (!RETURNING_KINDS.includes(String(d.kind)) || lines.length === 0) return;
  const target = await ctx.engine.definitions.latest('sales_return');
  const reason = `${ctx.doc.number} ${String(d.problem ?? '')}`.slice(0, 200);
  const credit = typeof d.creditAmount === 'number' ? d.creditAmount : 0;
  const data: Record<string, unknown> = {
    customer: d.customer,
    ...(d.salesOrder ? { salesOrder: d.salesOrder } : {}),
    ...(d.warehouse ? { warehouse: d.warehouse } : {}),
    quarantine: d.quarantine === true,
    ...(d.quarantine === true && d.quarantineWarehouse ? { quarantineWarehouse: d.quarantineWarehouse } : {}),
    returnDate: ctx.event.at.toISOString().slice(0, 10),
    reason,
    lines: lines.map((l) => ({ product: l.product, qty: l.qty, price: l.price })),
    afterSales: ctx.doc._id,
    ...(credit > 0 ? { creditAmount: credit } : {}),
  };
  const from = { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number };
  const via = { effect: ctx.effect, event: ctx.event._id, transition: 'resolve' };
  const { doc } = await createSystemDocument(ctx.store, {
    registry: ctx.engine.definitions,
    compiled: target,
    id: caseReturnId(ctx.doc._id),
    data,
    actor: ctx.event.actor,
    now: ctx.event.at,
    details: { createdFrom: { ...from, ...via } },
  });
  await addLink(ctx.store, { from, to: { type: doc.type, id: doc._id, number: doc.number }, via, at: ctx.event.at });
  if (doc.state !== target.def.initialState) return;
  try {
    await applyChange(ctx.store, {
      engine: ctx.engine,
      current: doc,
      expectedVersion: doc.version,
      state: 'approved',
      event: {
        kind: 'transition',
        transition: 'submit',
        comment: `售后服务单 ${ctx.doc.number} 办结时批准 / approved by resolving ${ctx.doc.number}`,
        details: { approvedBy: { id: ctx.event.actor.id, username: ctx.event.actor.username }, afterSales: from },
      },
      actor: SYSTEM_ACTOR,
      now: ctx.event.at,
    });
  } catch (err) {
    // A concurrent retry approved it first.
    if (!(err instanceof AppError && err.code === 'VERSION_CONFLICT')) throw err;
  }
};
