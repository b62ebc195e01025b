// Planners for stock leaving availability: reserve, release, issue (and the
// first leg of a transfer). Batches are taken first-expiry-first-out.
import { ensureRow, fefo, levels, readRows } from './levels';
import { reservedFor } from './outstanding';
import { DONE, atLeast, draft, requiredQty, sumOf, type PlanContext, type PlanResult } from './plan';
import type { Guard, LevelDoc } from './types';

const positive = (n: number): number => Math.max(0, n);

export async function planReserve(ctx: PlanContext): Promise<PlanResult> {
  const { store, spec, input } = ctx;
  const qty = requiredQty(input);
  const reservedSoFar = sumOf(ctx.done, (p) => p.delta.reserved);
  const remaining = qty - reservedSoFar;
  if (remaining <= 0) return DONE;
  const rows = await readRows(store, input.product, spec.warehouse);
  const availableNow = rows.reduce((total, r) => total + positive(r.available), 0);
  // Refuse before taking anything when the whole line cannot fit: no partial piece to compensate.
  if (!spec.allowNegative && availableNow < remaining) {
    return { kind: 'refuse', requested: qty, available: reservedSoFar + availableNow };
  }
  const row = rows.find((r) => r.available > 0);
  if (row) {
    const take = Math.min(row.available, remaining);
    return draft(row, 'reserve', { reserved: take }, [atLeast('available', take)]);
  }
  const base = await ensureRow(store, { product: input.product, warehouse: spec.warehouse });
  return draft(base, 'reserve', { reserved: remaining }, []);
}

async function heldRows(ctx: PlanContext): Promise<Array<{ row: LevelDoc; held: number }>> {
  const held = await reservedFor(ctx.store, ctx.spec.ref.id, ctx.input.product, ctx.spec.warehouse);
  const rows: LevelDoc[] = [];
  for (const id of held.keys()) {
    const row = await levels(ctx.store).findById(id);
    if (row) rows.push(row);
  }
  return fefo(rows).map((row) => ({ row, held: held.get(row._id) ?? 0 }));
}

/** Releases what the document still holds, up to the line's qty (all of it when qty is absent). */
export async function planRelease(ctx: PlanContext): Promise<PlanResult> {
  const releasedSoFar = -sumOf(ctx.done, (p) => p.delta.reserved);
  const wanted = ctx.input.qty === undefined ? Infinity : ctx.input.qty - releasedSoFar;
  if (wanted <= 0) return DONE;
  // Latest expiry first, so what stays reserved is what should leave first.
  const candidates = (await heldRows(ctx)).reverse();
  for (const { row, held } of candidates) {
    const take = Math.min(held, wanted, row.reserved);
    if (take > 0) return draft(row, 'release', { reserved: -take }, [atLeast('reserved', take)]);
  }
  return DONE;
}

/** Issues reserved stock of the document first (if asked), then available stock, FEFO. */
export async function planIssue(ctx: PlanContext): Promise<PlanResult> {
  const { store, spec, input } = ctx;
  const kind = spec.kind === 'transfer_out' ? 'transfer_out' : 'issue';
  const qty = requiredQty(input);
  const issuedSoFar = -sumOf(ctx.done, (p) => p.delta.onHand);
  const remaining = qty - issuedSoFar;
  if (remaining <= 0) return DONE;
  // A line naming a batch (e.g. a transfer of one lot) takes only from that batch.
  const inBatch = (row: LevelDoc): boolean => input.batch === undefined || row.batch === input.batch;
  const held = spec.fromReserved ? (await heldRows(ctx)).filter(({ row }) => inBatch(row)) : [];
  const fromHeld = held.map(({ row, held: h }) => ({
    row,
    take: Math.min(h, remaining, row.reserved, spec.allowNegative ? Infinity : positive(row.onHand)),
  }));
  const rows = spec.reservedOnly ? [] : (await readRows(store, input.product, spec.warehouse)).filter(inBatch);
  const capacity =
    fromHeld.reduce((t, h) => t + positive(h.take), 0) + rows.reduce((t, r) => t + positive(r.available), 0);
  if (!spec.allowNegative && capacity < remaining) {
    return { kind: 'refuse', requested: qty, available: issuedSoFar + capacity };
  }
  const reservedPiece = fromHeld.find((h) => h.take > 0);
  if (reservedPiece) {
    const { row, take } = reservedPiece;
    const guards: Guard[] = [atLeast('reserved', take)];
    if (!spec.allowNegative) guards.push(atLeast('onHand', take));
    return draft(row, kind, { onHand: -take, reserved: -take }, guards);
  }
  const row = rows.find((r) => r.available > 0);
  if (row) {
    const take = Math.min(row.available, remaining);
    return draft(row, kind, { onHand: -take }, [atLeast('available', take)]);
  }
  if (spec.reservedOnly) return { kind: 'refuse', requested: qty, available: issuedSoFar };
  const base = await ensureRow(store, { product: input.product, warehouse: spec.warehouse, batch: input.batch });
  return draft(base, kind, { onHand: -remaining }, []);
}
