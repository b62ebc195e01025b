// Operations: all lines of one document's stock change, all-or-nothing and
// exactly once, without multi-document transactions.
//
// Protocol (Medusa-style steps with compensation, the MongoDB "two-phase commit"
// recipe for the per-level part):
//  1. Claim: insert `stock_operations` {_id: hash(key), spec, status: running,
//     attempt: 1, claim, claimedAt}. The unique `_id` makes a replay or a
//     concurrent duplicate find the existing operation instead:
//       done → return its moves (nothing applied twice);
//       failed (refused and fully compensated, so nothing changed) → run again as
//         attempt n+1 with fresh piece keys;
//       running/compensating → wait while the claim is fresh; take it over (CAS on
//         the old claim) once its lease expired — the owner died.
//  2. For each line, a planner proposes one piece at a time (one guarded change
//     of one level). The piece is `$push`ed onto the operation (guarded by our
//     claim) BEFORE it is applied, then applied exactly once by apply-piece.ts.
//     A piece refused by its guard (a concurrent change) is marked refused and the
//     line re-planned from fresh levels.
//  3. A line that cannot be satisfied: status compensating (with the refusal),
//     then every applied piece of this attempt is undone by a compensating piece
//     (recorded, then applied, like any piece), newest first; then status failed,
//     and the refusal is thrown. Levels end exactly where they started; the ledger
//     keeps both moves (it is append-only).
//  4. status done.
// A done operation can later be reversed (undo-operation.ts: status undoing →
// undone); a failed or undone key runs again as a new attempt.
// Resuming (a takeover, or a retry of the same key) first resolves every recorded
// piece (apply-piece.ts: applied once, or refused), then continues at step 2 or 3:
// planners count what their line already has, so nothing is done twice.
//
// Leases: a claim is refreshed by every write of its owner. Takeover relies on an
// owner not stalling longer than the lease in the middle of a step (the same
// assumption as any lease); the per-level in-flight markers still stop a level
// from being changed twice by one piece.
import { randomUUID } from 'node:crypto';
import { AppError, DuplicateKeyError } from '../errors';
import type { Store } from '../store/index';
import { pieceId } from './apply-piece';
import type { Planner } from './plan';
import { planIssue, planRelease, planReserve } from './plan-outgoing';
import { planAddIncoming, planAdjust, planReceive, planRemoveIncoming } from './plan-incoming';
import { refusalError } from './refusal';
import {
  DEFAULT_LEASE_MS,
  addPiece,
  apply,
  forwardApplied,
  operationId,
  operations,
  resolveRecorded,
  resumedRunner,
  save,
  undoForward,
  withDefaults,
  type Runner,
} from './runner';
import { finishUndo, undoOperation } from './undo-operation';
import {
  MOVES,
  type InventoryContext,
  type MoveDoc,
  type OperationDoc,
  type OperationKind,
  type OperationSpec,
  type Piece,
  type Refusal,
} from './types';

export { DEFAULT_LEASE_MS, operationId };

const POLL_MS = 20;
/** Consecutive refused pieces of one line before giving up (each means a concurrent change won). */
const MAX_REPLANS = 200;

const planners: Record<OperationKind, Planner> = {
  reserve: planReserve,
  release: planRelease,
  issue: planIssue,
  transfer_out: planIssue,
  receive: planReceive,
  transfer_in: planReceive,
  add_incoming: planAddIncoming,
  remove_incoming: planRemoveIncoming,
  adjust: planAdjust,
};

export interface OperationResult {
  key: string;
  /** Moves of the operation's lines, in the order they were applied. */
  moves: MoveDoc[];
  /** True when the key had already been applied and nothing was done now. */
  replayed: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function compensate(run: Runner, refusal: Refusal): Promise<never> {
  if (forwardApplied(run).length === 0) {
    // Nothing of this attempt landed: no step to undo.
    await save(run, { $set: { status: 'failed', refusal } });
    throw await refusalError(run.ctx.store, refusal);
  }
  if (run.doc.status !== 'compensating') {
    await save(run, { $set: { status: 'compensating', refusal } });
    run.doc.status = 'compensating';
  }
  await undoForward(run);
  await save(run, { $set: { status: 'failed' } });
  throw await refusalError(run.ctx.store, refusal);
}

async function runLine(run: Runner, line: number): Promise<void> {
  const { spec } = run.doc;
  const planner = planners[spec.kind];
  for (let refused = 0; ;) {
    const done = run.pieces.filter((p) => p.line === line && p.undoes === undefined && run.applied.has(p.n));
    const plan = await planner({ store: run.ctx.store, spec, line, input: spec.lines[line], done });
    if (plan.kind === 'done') return;
    if (plan.kind === 'refuse') {
      return compensate(run, refusalOf(spec, line, plan));
    }
    const piece = await addPiece(run, { ...plan.piece, line });
    if (await apply(run, piece, false)) {
      refused = 0;
    } else if (++refused >= MAX_REPLANS) {
      throw new AppError('VERSION_CONFLICT', 'Stock is changing too fast; retry shortly', {
        key: 'VERSION_CONFLICT.stock_contended',
      });
    }
  }
}

async function execute(run: Runner): Promise<OperationResult> {
  await resolveRecorded(run);
  if (run.doc.status === 'compensating' && run.doc.refusal) await compensate(run, run.doc.refusal);
  for (let line = 0; line < run.doc.spec.lines.length; line += 1) await runLine(run, line);
  await save(run, { $set: { status: 'done', doneAt: run.ctx.now() } });
  const moves = forwardApplied(run).map((p) => run.applied.get(p.n) as MoveDoc);
  await run.ctx.outbound.stockMoved?.(run.doc.key, moves);
  return { key: run.doc.key, moves, replayed: false };
}

async function replay(store: Store, doc: OperationDoc): Promise<OperationResult> {
  const moves: MoveDoc[] = [];
  for (const piece of doc.pieces) {
    if (piece.refused || piece.undoes !== undefined) continue;
    const move = await store.collection<MoveDoc>(MOVES).findById(piece.id);
    if (move) moves.push(move);
  }
  return { key: doc.key, moves, replayed: true };
}

/** Claims the operation for this process; a `done` operation is returned as it is, for a replay. */
async function acquire(
  ctx: Required<InventoryContext>,
  id: string,
  claim: string,
  key: string,
  spec: OperationSpec,
): Promise<OperationDoc> {
  const ops = operations(ctx.store);
  const deadline = Date.now() + ctx.leaseMs + 5_000;
  for (;;) {
    try {
      return await ops.insertOne({
        _id: id,
        key,
        spec,
        status: 'running',
        attempt: 1,
        claim,
        claimedAt: ctx.now(),
        pieces: [],
        createdAt: ctx.now(),
      });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const existing = await ops.findById(id);
    if (!existing) continue;
    if (existing.status === 'done') return existing;
    if (existing.status === 'failed' || existing.status === 'undone') {
      // Refused and compensated, or reversed: nothing is held, so running again is a first run.
      const next = await ops.findOneAndUpdate(
        { _id: id, status: existing.status, attempt: existing.attempt },
        {
          $set: { status: 'running', attempt: existing.attempt + 1, claim, claimedAt: ctx.now(), pieces: [] },
          $unset: { refusal: '' },
        },
      );
      if (next) return next;
      continue;
    }
    if (ctx.now().getTime() - existing.claimedAt.getTime() >= ctx.leaseMs) {
      const taken = await ops.findOneAndUpdate(
        { _id: id, claim: existing.claim },
        { $set: { claim, claimedAt: ctx.now() } },
      );
      if (taken) return taken;
      continue;
    }
    if (Date.now() > deadline) {
      throw new AppError('VERSION_CONFLICT', `Stock operation ${key} is still in progress; retry shortly`, {
        key: 'VERSION_CONFLICT.operation_in_progress',
        params: { key },
      });
    }
    await sleep(POLL_MS);
  }
}

function refusalOf(spec: OperationSpec, line: number, plan: { requested: number; available: number }): Refusal {
  return {
    line,
    product: spec.lines[line].product,
    warehouse: spec.warehouse,
    requested: plan.requested,
    available: plan.available,
  };
}

/**
 * First run of a key: line 0 is planned before anything is written. A refusal
 * there needs no record at all (nothing was taken), which keeps the losers of a
 * stampede on a sold-out item from writing; otherwise the first piece rides
 * along the claim. Returns null when the key exists already.
 */
async function start(
  ctx: Required<InventoryContext>,
  id: string,
  claim: string,
  key: string,
  spec: OperationSpec,
): Promise<Runner | null> {
  const plan = await planners[spec.kind]({ store: ctx.store, spec, line: 0, input: spec.lines[0], done: [] });
  if (plan.kind === 'refuse') {
    if (await operations(ctx.store).findById(id)) return null;
    throw await refusalError(ctx.store, refusalOf(spec, 0, plan));
  }
  const pieces: Piece[] = plan.kind === 'piece' ? [{ ...plan.piece, line: 0, n: 0, id: pieceId(key, 1, 0) }] : [];
  const doc: OperationDoc = {
    _id: id,
    key,
    spec,
    status: 'running',
    attempt: 1,
    claim,
    claimedAt: ctx.now(),
    pieces,
    createdAt: ctx.now(),
  };
  try {
    await operations(ctx.store).insertOne(doc);
  } catch (err) {
    if (err instanceof DuplicateKeyError) return null;
    throw err;
  }
  return { ctx, doc, pieces, applied: new Map(), unsavedRefusals: {}, fresh: new Set(pieces.map((p) => p.n)) };
}

/** Runs (or resumes, or replays) the operation identified by `key`. */
export async function runOperation(
  context: InventoryContext,
  key: string,
  spec: OperationSpec,
): Promise<OperationResult> {
  const ctx = withDefaults(context);
  const claim = randomUUID();
  const id = operationId(key);
  let run = await start(ctx, id, claim, key, spec);
  while (!run) {
    const doc = await acquire(ctx, id, claim, key, spec);
    if (doc.status === 'done') return replay(ctx.store, doc);
    run = resumedRunner(ctx, doc);
    if (doc.status === 'undoing') {
      // A reversal whose process died: finish it, then this key runs afresh.
      await finishUndo(run);
      run = null;
    }
  }
  try {
    return await execute(run);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'RULE_FAILED')) {
      // Let a retry take over at once instead of waiting for the lease to expire.
      await operations(ctx.store)
        .updateOne({ _id: id, claim }, { $set: { claimedAt: new Date(0) } })
        .catch((releaseErr: unknown) => {
          throw new AggregateError(
            [err, releaseErr],
            `stock operation ${key} failed and its claim could not be released`,
          );
        });
    }
    throw err;
  }
}

/** Operations left running, compensating or undoing by a process that died; resumed one by one. */
export async function resumePendingOperations(context: InventoryContext): Promise<OperationResult[]> {
  const ctx = withDefaults(context);
  const stale = new Date(ctx.now().getTime() - ctx.leaseMs);
  const pending = await operations(ctx.store).find({
    status: { $in: ['running', 'compensating', 'undoing'] },
    claimedAt: { $lte: stale },
  });
  const results: OperationResult[] = [];
  for (const op of pending) {
    if (op.status === 'undoing') {
      await undoOperation(ctx, op.key);
      continue;
    }
    try {
      results.push(await runOperation(ctx, op.key, op.spec));
    } catch (err) {
      // A refusal found while resuming is the operation's outcome, already recorded as failed.
      if (!(err instanceof AppError && err.code === 'RULE_FAILED')) throw err;
    }
  }
  return results;
}
