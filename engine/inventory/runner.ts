// The in-memory state of one claimed stock operation and the writes its owner
// makes (operation.ts runs lines; undo-operation.ts reverses a done operation).
// Every write is guarded by the owner's claim, so a process that lost its claim
// (taken over after its lease expired) can no longer change the operation.
import { createHash } from 'node:crypto';
import type { Collection, Store } from '../store/index';
import { applyPiece, pieceId, resolvePiece, type PieceContext } from './apply-piece';
import { OPERATIONS, type InventoryContext, type MoveDoc, type OperationDoc, type Piece } from './types';

export const DEFAULT_LEASE_MS = 30_000;

export interface Runner {
  ctx: Required<InventoryContext>;
  doc: OperationDoc;
  pieces: Piece[];
  /** Applied moves by piece index. */
  applied: Map<number, MoveDoc>;
  /** `pieces.N.refused` flags not written yet; they ride along the next write. */
  unsavedRefusals: Record<string, true>;
  /** Recorded pieces known not to have been tried yet (no need to look for an earlier move). */
  fresh: Set<number>;
}

export const operationId = (key: string): string => `o${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
export const operations = (store: Store): Collection<OperationDoc> => store.collection<OperationDoc>(OPERATIONS);

export function withDefaults(ctx: InventoryContext): Required<InventoryContext> {
  return {
    store: ctx.store,
    now: ctx.now ?? (() => new Date()),
    leaseMs: ctx.leaseMs ?? DEFAULT_LEASE_MS,
    outbound: ctx.outbound ?? {},
  };
}

/** A runner over an operation read back from the store (nothing known applied yet). */
export function resumedRunner(ctx: Required<InventoryContext>, doc: OperationDoc): Runner {
  return { ctx, doc, pieces: doc.pieces, applied: new Map(), unsavedRefusals: {}, fresh: new Set() };
}

export async function save(
  run: Runner,
  update: { $push?: Record<string, unknown>; $set?: Record<string, unknown> },
): Promise<void> {
  const $set = { ...update.$set, ...run.unsavedRefusals, claimedAt: run.ctx.now() };
  const ok = await operations(run.ctx.store).updateOne({ _id: run.doc._id, claim: run.doc.claim }, { ...update, $set });
  if (!ok) throw new Error(`stock operation ${run.doc.key} was taken over by another process`);
  run.unsavedRefusals = {};
}

function pieceContext(run: Runner): PieceContext {
  return {
    store: run.ctx.store,
    opKey: run.doc.key,
    ref: run.doc.spec.ref,
    by: run.doc.spec.by,
    lines: run.doc.spec.lines,
  };
}

export async function addPiece(run: Runner, draft: Omit<Piece, 'id' | 'n'>): Promise<Piece> {
  const n = run.pieces.length;
  const piece: Piece = { ...draft, id: pieceId(run.doc.key, run.doc.attempt, n), n };
  await save(run, { $push: { pieces: piece } });
  run.pieces.push(piece);
  return piece;
}

export async function apply(run: Runner, piece: Piece, resolving: boolean): Promise<boolean> {
  const outcome = resolving ? await resolvePiece(pieceContext(run), piece) : await applyPiece(pieceContext(run), piece);
  if (outcome.applied) {
    run.applied.set(piece.n, outcome.move);
    return true;
  }
  piece.refused = true;
  run.unsavedRefusals[`pieces.${piece.n}.refused`] = true;
  return false;
}

/** Brings every recorded piece to its final state (applied once, or refused). */
export async function resolveRecorded(run: Runner): Promise<void> {
  for (const piece of run.pieces) {
    if (!piece.refused) await apply(run, piece, !run.fresh.has(piece.n));
  }
}

export const forwardApplied = (run: Runner): Piece[] =>
  run.pieces.filter((p) => p.undoes === undefined && run.applied.has(p.n));

/**
 * Undoes every applied forward piece of this attempt that has no applied
 * compensation yet, newest first. Compensations carry no guard: they only put
 * back what this operation changed, and must not fail.
 */
export async function undoForward(run: Runner): Promise<void> {
  const undone = new Set(run.pieces.filter((p) => p.undoes !== undefined && run.applied.has(p.n)).map((p) => p.undoes));
  for (const piece of forwardApplied(run).reverse()) {
    if (undone.has(piece.id)) continue;
    const delta = Object.fromEntries(Object.entries(piece.delta).map(([bucket, q]) => [bucket, -q]));
    const undo = await addPiece(run, {
      ...piece,
      kind: 'compensate',
      delta,
      guards: [],
      undoes: piece.id,
      memo: undefined,
    });
    if (!(await apply(run, undo, false))) throw new Error(`compensation ${undo.id} of ${piece.id} was refused`);
  }
}
