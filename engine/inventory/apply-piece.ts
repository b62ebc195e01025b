// Applying one piece (one change of one level) exactly once, without transactions.
//
// Order of writes, and why:
//   0. The piece is already recorded in its operation document (operation.ts),
//      so after a crash we know it was planned and what it was.
//   1. Guarded atomic update of the level: `$inc` of the buckets and `available`
//      and `seq`, plus `$set inflight.<pieceId>` — in ONE single-document update
//      whose filter also requires the marker to be absent. So the level is changed
//      at most once per piece, however often this step is retried.
//   2. Insert the move (the ledger record) with `_id` = piece id; a duplicate is
//      the same move written by an earlier try.
//   3. `$unset inflight.<pieceId>` on the level.
// Resolving a piece after a crash (resolvePiece): a move record means it was
// applied. No record but the marker on the level means step 1 happened: the move
// is written now ("recovered", step 2) and the marker removed. Neither means
// step 1 never happened: the piece is applied now. The marker is removed only
// after the move exists, so "no record and no marker" never follows an applied
// piece.
//
// Snapshots: `before`/`after` come from the document the update returned. A
// recovered move no longer knows them; it takes a fresh `seq` and the level as it
// is when recovered (flagged `recovered`), so the ledger stays ordered and its
// running balance still sums to the level.
import { createHash } from 'node:crypto';
import { DuplicateKeyError } from '../errors';
import type { Filter, Store } from '../store/index';
import { levels } from './levels';
import {
  MOVES,
  type DocumentRef,
  type Guard,
  type LevelDoc,
  type LineInput,
  type MoveDoc,
  type Piece,
  type Quantities,
} from './types';
import { valueMove } from './valuation';

/** Move ids are hashes so they are safe as a field name in the level's `inflight` map. */
export const pieceId = (opKey: string, attempt: number, n: number): string =>
  `m${createHash('sha256').update(`${opKey}#${attempt}/${n}`).digest('hex').slice(0, 32)}`;

export function fullDelta(piece: Pick<Piece, 'delta'>): Quantities {
  const onHand = piece.delta.onHand ?? 0;
  const reserved = piece.delta.reserved ?? 0;
  return { onHand, reserved, incoming: piece.delta.incoming ?? 0, available: onHand - reserved };
}

const pick = (level: LevelDoc): Quantities => ({
  onHand: level.onHand,
  reserved: level.reserved,
  incoming: level.incoming,
  available: level.available,
});

const minus = (a: Quantities, b: Quantities): Quantities => ({
  onHand: a.onHand - b.onHand,
  reserved: a.reserved - b.reserved,
  incoming: a.incoming - b.incoming,
  available: a.available - b.available,
});

export function guardFilter(guards: Guard[]): Filter {
  const filter: Filter = {};
  for (const guard of guards) filter[guard.field] = guard.op === 'eq' ? guard.value : { $gte: guard.value };
  return filter;
}

export interface PieceContext {
  store: Store;
  opKey: string;
  ref: DocumentRef;
  by?: string;
  /** The operation's lines (their cost fields value receipts). */
  lines?: LineInput[];
}

export type PieceOutcome = { applied: true; move: MoveDoc } | { applied: false; level: LevelDoc | null };

function buildMove(ctx: PieceContext, piece: Piece, after: LevelDoc, recovered: boolean): MoveDoc {
  const delta = fullDelta(piece);
  const move: MoveDoc = {
    _id: piece.id,
    key: `${ctx.opKey}/${piece.n}`,
    op: ctx.opKey,
    line: piece.line,
    kind: piece.kind,
    level: piece.level,
    product: piece.product,
    warehouse: piece.warehouse,
    batch: piece.batch,
    expiry: piece.expiry,
    delta,
    before: minus(pick(after), delta),
    after: pick(after),
    seq: after.seq,
    ref: ctx.ref,
    at: new Date(),
  };
  if (piece.incomingRef !== undefined) move.incomingRef = piece.incomingRef;
  if (piece.undoes !== undefined) move.undoes = piece.undoes;
  if (ctx.by !== undefined) move.by = ctx.by;
  if (recovered) move.recovered = true;
  return move;
}

async function recordMove(ctx: PieceContext, move: MoveDoc): Promise<MoveDoc> {
  const moves = ctx.store.collection<MoveDoc>(MOVES);
  try {
    await moves.insertOne(move);
    return move;
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const earlier = await moves.findById(move._id);
    if (!earlier) throw err;
    return earlier;
  }
}

async function clearMarker(ctx: PieceContext, piece: Piece): Promise<void> {
  const marker = `inflight.${piece.id}`;
  await levels(ctx.store).updateOne({ _id: piece.level, [marker]: true }, { $unset: { [marker]: '' } });
}

async function finish(ctx: PieceContext, piece: Piece, after: LevelDoc, recovered: boolean): Promise<PieceOutcome> {
  // Valued before the marker goes: a move without its value still has a marker to be found by.
  const move = await valueMove(ctx, await recordMove(ctx, buildMove(ctx, piece, after, recovered)), piece);
  await clearMarker(ctx, piece);
  return { applied: true, move };
}

/** Step 2 for a piece whose level update happened but whose move was never written. */
async function recover(ctx: PieceContext, piece: Piece): Promise<PieceOutcome> {
  const marker = `inflight.${piece.id}`;
  // A fresh seq keeps the ledger ordered; the marker stays until the move exists.
  const after = await levels(ctx.store).findOneAndUpdate({ _id: piece.level, [marker]: true }, { $inc: { seq: 1 } });
  if (after) return finish(ctx, piece, after, true);
  const move = await ctx.store.collection<MoveDoc>(MOVES).findById(piece.id);
  if (move) return { applied: true, move: await valueMove(ctx, move, piece) };
  throw new Error(`stock move ${piece.id} lost its in-flight marker on ${piece.level} without a move record`);
}

/** Steps 1–3 for a piece not applied yet (or whose earlier try may have reached step 1). */
export async function applyPiece(ctx: PieceContext, piece: Piece): Promise<PieceOutcome> {
  const delta = fullDelta(piece);
  const marker = `inflight.${piece.id}`;
  const after = await levels(ctx.store).findOneAndUpdate(
    { _id: piece.level, [marker]: { $exists: false }, ...guardFilter(piece.guards) },
    {
      $inc: {
        onHand: delta.onHand,
        reserved: delta.reserved,
        incoming: delta.incoming,
        available: delta.available,
        seq: 1,
      },
      $set: { [marker]: true, updatedAt: new Date() },
    },
  );
  if (after) return finish(ctx, piece, after, false);
  const level = await levels(ctx.store).findById(piece.level);
  if (level?.inflight?.[piece.id]) return recover(ctx, piece);
  return { applied: false, level };
}

/** Brings a piece recorded before a crash to its final state: applied once, or refused. */
export async function resolvePiece(ctx: PieceContext, piece: Piece): Promise<PieceOutcome> {
  const move = await ctx.store.collection<MoveDoc>(MOVES).findById(piece.id);
  if (move) {
    const valued = await valueMove(ctx, move, piece);
    await clearMarker(ctx, piece);
    return { applied: true, move: valued };
  }
  return applyPiece(ctx, piece);
}
