// Stock transfers span two warehouses, so two operations (legs): issue from the
// source, then receive the same batches into the destination. An outbox document
// in `stock_transfers` is written before the first leg and marked done after the
// second; a process that dies in between leaves it pending, and
// resumePendingTransfers finishes it. Each leg is an operation with its own key
// (`${key}:out`, `${key}:in`), so re-running a leg replays it instead of moving
// stock again: the transfer completes exactly once however often it is resumed.
// undoTransfer reverses one (status undone, both legs undone) when the document
// change it belonged to did not commit; a failed or undone transfer may run again.
import { randomUUID } from 'node:crypto';
import { AppError, DuplicateKeyError } from '../errors';
import { fieldError } from '../messages/index';
import type { Collection, Store, StoredDoc } from '../store/index';
import { DEFAULT_LEASE_MS, operationId } from './operation';
import { undoOperation } from './undo-operation';
import { runTransferLeg, type QtyLine, type StockResult } from './operations';
import { TRANSFERS, type DocumentRef, type InventoryContext } from './types';

/** A line may name the batch to move; otherwise batches leave first-expiry-first-out. */
export interface TransferLine extends QtyLine {
  batch?: string;
}

export interface TransferDoc extends StoredDoc {
  key: string;
  ref: DocumentRef;
  fromWarehouse: string;
  toWarehouse: string;
  allowNegative: boolean;
  lines: TransferLine[];
  by?: string;
  status: 'pending' | 'done' | 'failed' | 'undone';
  claim: string;
  claimedAt: Date;
  createdAt: Date;
  doneAt?: Date;
}

export interface TransferInput extends InventoryContext {
  key: string;
  ref: DocumentRef;
  fromWarehouse: string;
  toWarehouse: string;
  /** The source warehouse's setting. */
  allowNegative?: boolean;
  by?: string;
  lines: TransferLine[];
  /** Test hook: runs between the legs (throw to simulate a crash there). */
  afterFirstLeg?: () => void | Promise<void>;
}

export interface TransferResult {
  key: string;
  out: StockResult;
  in: StockResult;
  replayed: boolean;
}

const transfers = (store: Store): Collection<TransferDoc> => store.collection<TransferDoc>(TRANSFERS);

async function completeTransfer(
  ctx: InventoryContext,
  doc: TransferDoc,
  afterFirstLeg?: () => void | Promise<void>,
): Promise<TransferResult> {
  const common = { ...ctx, ref: doc.ref, by: doc.by };
  let out: StockResult;
  try {
    out = await runTransferLeg(
      { ...common, key: `${doc.key}:out`, warehouse: doc.fromWarehouse, allowNegative: doc.allowNegative },
      'transfer_out',
      doc.lines,
    );
  } catch (err) {
    // Refused: nothing moved; the transfer may be posted again later with the same key.
    if (err instanceof AppError && err.code === 'RULE_FAILED') {
      await transfers(ctx.store).updateOne({ _id: doc._id, status: 'pending' }, { $set: { status: 'failed' } });
    }
    throw err;
  }
  await afterFirstLeg?.();
  // The destination receives exactly the batches (and expiries) the source issued.
  const received = out.moves.map((m) => ({
    product: m.product,
    qty: -m.delta.onHand,
    batch: m.batch,
    expiry: m.expiry,
    // Transfers carry cost: the destination receives exactly the value the source gave up.
    ...(m.value !== undefined ? { value: String(-m.value) } : {}),
  }));
  const into = await runTransferLeg(
    { ...common, key: `${doc.key}:in`, warehouse: doc.toWarehouse, allowNegative: false },
    'transfer_in',
    received,
  );
  // Guarded: a transfer reversed meanwhile (undoTransfer) stays undone.
  await transfers(ctx.store).updateOne(
    { _id: doc._id, status: 'pending' },
    { $set: { status: 'done', doneAt: new Date() } },
  );
  return { key: doc.key, out, in: into, replayed: out.replayed && into.replayed };
}

/** Moves lines from one warehouse to another, exactly once per key. */
export async function transferStock(input: TransferInput): Promise<TransferResult> {
  if (input.fromWarehouse === input.toWarehouse) {
    throw new AppError('VALIDATION_FAILED', 'Source and destination warehouse must differ', {
      key: 'VALIDATION_FAILED.same_warehouse',
      errors: [fieldError('/toWarehouse', 'VALIDATION_FAILED.must_differ_from', { field: 'fromWarehouse' })],
    });
  }
  const now = input.now ?? (() => new Date());
  const claim = randomUUID();
  const fresh: TransferDoc = {
    _id: operationId(`transfer:${input.key}`),
    key: input.key,
    ref: input.ref,
    fromWarehouse: input.fromWarehouse,
    toWarehouse: input.toWarehouse,
    allowNegative: input.allowNegative === true,
    lines: input.lines,
    status: 'pending',
    claim,
    claimedAt: now(),
    createdAt: now(),
  };
  if (input.by !== undefined) fresh.by = input.by;
  let doc: TransferDoc | null;
  try {
    doc = await transfers(input.store).insertOne(fresh);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    // A repeat of a failed (refused) or undone transfer posts it again; a pending or done one is completed or replayed.
    await transfers(input.store).updateOne(
      { _id: fresh._id, status: { $in: ['failed', 'undone'] } },
      { $set: { status: 'pending', claim, claimedAt: now() } },
    );
    doc = await transfers(input.store).findById(fresh._id);
    if (!doc) throw err;
  }
  return completeTransfer(input, doc, input.afterFirstLeg);
}

/**
 * Finishes transfers whose process died between (or during) the legs: pending
 * ones whose claim is older than the lease. Safe to run any number of times, also
 * concurrently. Returns the transfers it completed.
 */
export async function resumePendingTransfers(
  store: Store,
  options: Omit<InventoryContext, 'store'> = {},
): Promise<TransferResult[]> {
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const ctx: InventoryContext = { store, now, leaseMs, ...(options.outbound ? { outbound: options.outbound } : {}) };
  const stale = new Date(now().getTime() - leaseMs);
  const results: TransferResult[] = [];
  for (const pending of await transfers(store).find(
    { status: 'pending', claimedAt: { $lte: stale } },
    { sort: { createdAt: 1 } },
  )) {
    const claim = randomUUID();
    const doc = await transfers(store).findOneAndUpdate(
      { _id: pending._id, claim: pending.claim, status: 'pending' },
      { $set: { claim, claimedAt: now() } },
    );
    if (!doc) continue; // another process took it
    try {
      results.push(await completeTransfer(ctx, doc));
    } catch (err) {
      // Refused while resuming: recorded as failed (nothing moved); the others still run.
      if (!(err instanceof AppError && err.code === 'RULE_FAILED')) throw err;
    }
  }
  return results;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reverses transfer `key`: marks it undone (waiting for a live owner to finish
 * first), then undoes the receiving leg and the issuing leg. Safe to repeat; a
 * crash half-way is finished by the next call. Returns false when it held nothing.
 */
export async function undoTransfer(ctx: InventoryContext, key: string): Promise<boolean> {
  const now = ctx.now ?? (() => new Date());
  const leaseMs = ctx.leaseMs ?? DEFAULT_LEASE_MS;
  const id = operationId(`transfer:${key}`);
  const deadline = Date.now() + leaseMs + 5_000;
  for (;;) {
    const doc = await transfers(ctx.store).findById(id);
    if (!doc || doc.status === 'failed') return false;
    if (doc.status === 'pending' && now().getTime() - doc.claimedAt.getTime() < leaseMs) {
      if (Date.now() > deadline)
        throw new AppError('VERSION_CONFLICT', `Transfer ${key} is still in progress; retry shortly`, {
          key: 'VERSION_CONFLICT.transfer_in_progress',
          params: { key },
        });
      await sleep(20);
      continue;
    }
    if (doc.status !== 'undone') {
      const marked = await transfers(ctx.store).updateOne(
        { _id: id, status: doc.status, claim: doc.claim },
        { $set: { status: 'undone', claim: randomUUID(), claimedAt: now() } },
      );
      if (!marked) continue;
    }
    const undoneIn = await undoOperation(ctx, `${key}:in`);
    const undoneOut = await undoOperation(ctx, `${key}:out`);
    return undoneIn || undoneOut;
  }
}
