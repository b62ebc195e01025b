// Planners for stock arriving or being corrected: receive (and the second leg of
// a transfer), incoming from purchase orders, and stocktake adjustments.
import { ensureRow, levelId, levels, readRows, NO_BATCH } from './levels';
import { incomingFor } from './outstanding';
import { DONE, atLeast, draft, requiredQty, sumOf, type PlanContext, type PlanResult } from './plan';

/** Receives into the line's batch row, then reduces the purchase order's incoming (if any). */
export async function planReceive(ctx: PlanContext): Promise<PlanResult> {
  const { store, spec, input } = ctx;
  const qty = requiredQty(input);
  if (!ctx.done.some((p) => p.delta.onHand)) {
    const row = await ensureRow(store, {
      product: input.product,
      warehouse: spec.warehouse,
      batch: input.batch,
      expiry: input.expiry,
    });
    return draft(row, spec.kind === 'transfer_in' ? 'transfer_in' : 'receive', { onHand: qty }, []);
  }
  if (spec.incomingRef === undefined || ctx.done.some((p) => p.delta.incoming)) return DONE;
  const expected = await incomingFor(store, spec.incomingRef, input.product, spec.warehouse);
  const base = await levels(store).findById(levelId(input.product, spec.warehouse));
  // Over-delivery never eats incoming announced by other purchase orders.
  const reduce = Math.min(qty, expected, base?.incoming ?? 0);
  if (!base || reduce <= 0) return DONE;
  return draft(base, 'incoming', { incoming: -reduce }, [atLeast('incoming', reduce)], {
    incomingRef: spec.incomingRef,
  });
}

/** A purchase order's line counts as incoming on the batch-less row. */
export async function planAddIncoming(ctx: PlanContext): Promise<PlanResult> {
  if (ctx.done.length > 0) return DONE;
  const base = await ensureRow(ctx.store, { product: ctx.input.product, warehouse: ctx.spec.warehouse });
  return draft(base, 'incoming', { incoming: requiredQty(ctx.input) }, [], {
    incomingRef: ctx.spec.incomingRef ?? ctx.spec.ref.id,
  });
}

/** Removes what the purchase order still has incoming, up to the line's qty (all when absent). */
export async function planRemoveIncoming(ctx: PlanContext): Promise<PlanResult> {
  const { store, spec, input } = ctx;
  const order = spec.incomingRef ?? spec.ref.id;
  const removedSoFar = -sumOf(ctx.done, (p) => p.delta.incoming);
  const wanted = input.qty === undefined ? Infinity : input.qty - removedSoFar;
  const expected = await incomingFor(store, order, input.product, spec.warehouse);
  const base = await levels(store).findById(levelId(input.product, spec.warehouse));
  const reduce = Math.min(wanted, expected, base?.incoming ?? 0);
  if (!base || reduce <= 0) return DONE;
  return draft(base, 'incoming', { incoming: -reduce }, [atLeast('incoming', reduce)], { incomingRef: order });
}

/**
 * Stocktake: moves book to counted. Until the line's first piece applies, the
 * variance is recomputed from the book each time and that piece is guarded by the
 * exact onHand it was computed from, so a concurrent move makes it re-plan
 * rather than miss the target. Once a piece applied the variance is fixed (memo).
 */
export async function planAdjust(ctx: PlanContext): Promise<PlanResult> {
  const { store, spec, input } = ctx;
  if (input.counted === undefined) throw new Error(`stocktake line for ${input.product} has no counted quantity`);
  const rows = (await readRows(store, input.product, spec.warehouse)).filter(
    (r) => input.batch === undefined || r.batch === input.batch,
  );
  const fixed = ctx.done[0]?.memo?.variance;
  const variance = fixed ?? input.counted - rows.reduce((total, r) => total + r.onHand, 0);
  const remaining = variance - sumOf(ctx.done, (p) => p.delta.onHand);
  if (remaining === 0) return DONE;
  const memo = { variance };
  const first = fixed === undefined;
  if (remaining > 0) {
    const row = await ensureRow(store, {
      product: input.product,
      warehouse: spec.warehouse,
      batch: input.batch ?? NO_BATCH,
      expiry: input.expiry,
    });
    return draft(
      row,
      'adjust',
      { onHand: remaining },
      first ? [{ field: 'onHand', op: 'eq', value: row.onHand }] : [],
      { memo },
    );
  }
  const row = rows.find((r) => r.onHand > 0);
  if (!row) {
    // Book below zero already (negative stock allowed): the whole variance goes on the batch-less row.
    const base = await ensureRow(store, {
      product: input.product,
      warehouse: spec.warehouse,
      batch: input.batch ?? NO_BATCH,
    });
    return draft(
      base,
      'adjust',
      { onHand: remaining },
      first ? [{ field: 'onHand', op: 'eq', value: base.onHand }] : [],
      { memo },
    );
  }
  const take = Math.min(row.onHand, -remaining);
  return draft(
    row,
    'adjust',
    { onHand: -take },
    [first ? { field: 'onHand', op: 'eq', value: row.onHand } : atLeast('onHand', take)],
    { memo },
  );
}
