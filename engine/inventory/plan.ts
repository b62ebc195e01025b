// Planners turn one operation line into pieces, one at a time, from the current
// levels and the pieces of the line already applied. Re-planning after a refused
// piece (a concurrent change) or after a resume therefore never double-counts.
import type { Store } from '../store/index';
import type { Delta, Guard, LevelDoc, LineInput, MoveKind, OperationSpec, Piece } from './types';

export type PieceDraft = Omit<Piece, 'id' | 'n' | 'line'>;

export type PlanResult =
  { kind: 'piece'; piece: PieceDraft } | { kind: 'done' } | { kind: 'refuse'; requested: number; available: number };

export interface PlanContext {
  store: Store;
  spec: OperationSpec;
  line: number;
  input: LineInput;
  /** Pieces of this line applied so far in this attempt, in order. */
  done: Piece[];
}

export type Planner = (ctx: PlanContext) => Promise<PlanResult>;

export const DONE: PlanResult = { kind: 'done' };

export function draft(
  row: LevelDoc,
  kind: MoveKind,
  delta: Delta,
  guards: Guard[],
  extra: Pick<PieceDraft, 'incomingRef' | 'memo'> = {},
): PlanResult {
  return {
    kind: 'piece',
    piece: {
      kind,
      level: row._id,
      product: row.product,
      warehouse: row.warehouse,
      batch: row.batch,
      expiry: row.expiry,
      delta,
      guards,
      ...extra,
    },
  };
}

export const sumOf = (pieces: Piece[], pick: (p: Piece) => number | undefined): number =>
  pieces.reduce((total, p) => total + (pick(p) ?? 0), 0);

export const atLeast = (field: Guard['field'], value: number): Guard => ({ field, op: 'gte', value });

/** Quantity (milli-units) a line asks for; operations that need one validate it up front. */
export function requiredQty(input: LineInput): number {
  if (input.qty === undefined) throw new Error(`line for ${input.product} has no quantity`);
  return input.qty;
}
