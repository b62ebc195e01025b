// Reversing a stock operation that completed, because the document change it
// belonged to did not commit (a later effect was refused, the commit lost its
// version race, or the request died before committing: documents/intents.ts).
//
// Steps, each idempotent:
//  1. CAS the operation to `undoing` with our claim: from `done` at once; from
//     `running`/`compensating`/`undoing` only once its owner's lease expired (the
//     owner died; a live owner is waited for, it ends `done` or `failed`).
//  2. Resolve every recorded piece (applied once, or refused), then record and
//     apply one compensating piece per applied forward piece, newest first — the
//     same mechanism a refusal uses (runner.ts), so a crash here is finished by
//     whoever takes the claim over next (a retry or resumePendingOperations).
//  3. status `undone`. A key that is `failed` or `undone` (or was never run)
//     holds nothing: undoing it again does nothing.
// Compensations have no guard: undoing a reservation or an issue only gives
// stock back. Undoing a receipt takes stock away again; that is applied even if
// the stock was reserved in the meantime (the ledger shows it), because a
// compensation must not fail.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import {
  operationId,
  operations,
  resolveRecorded,
  resumedRunner,
  save,
  undoForward,
  withDefaults,
  type Runner,
} from './runner';
import type { InventoryContext } from './types';

const POLL_MS = 20;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Steps 2–3 for an operation this process has claimed as `undoing`. */
export async function finishUndo(run: Runner): Promise<void> {
  await resolveRecorded(run);
  await undoForward(run);
  await save(run, { $set: { status: 'undone', undoneAt: run.ctx.now() } });
  run.doc.status = 'undone';
}

/** Reverses what operation `key` applied; returns false when it held nothing. */
export async function undoOperation(context: InventoryContext, key: string): Promise<boolean> {
  const ctx = withDefaults(context);
  const id = operationId(key);
  const claim = randomUUID();
  const deadline = Date.now() + ctx.leaseMs + 5_000;
  for (;;) {
    const op = await operations(ctx.store).findById(id);
    if (!op || op.status === 'failed' || op.status === 'undone') return false;
    const stale = ctx.now().getTime() - op.claimedAt.getTime() >= ctx.leaseMs;
    if (op.status === 'done' || stale) {
      const taken = await operations(ctx.store).findOneAndUpdate(
        { _id: id, claim: op.claim, status: op.status },
        { $set: { status: 'undoing', claim, claimedAt: ctx.now() } },
      );
      if (!taken) continue;
      await finishUndo(resumedRunner(ctx, taken));
      return true;
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
