// The inventory service's operations. Each takes the lines of one business
// document and an idempotency `key` (e.g. `${documentId}:${eventSeq}:${effect}`):
// all lines apply or none do, and the same key never applies twice (operation.ts).
// Quantities are in units here (numbers or decimal strings, at most 3 decimals).
import { AppError, type FieldError } from '../errors';
import { fieldError } from '../messages/index';
import { runOperation, type OperationResult } from './operation';
import { toMilli, toPositiveMilli } from './quantity';
import type { DocumentRef, InventoryContext, LineInput, OperationKind, OperationSpec } from './types';
import { moveView, type MoveView } from './views';
import { lineCost } from './valuation';

export interface StockOperationInput extends InventoryContext {
  key: string;
  ref: DocumentRef;
  warehouse: string;
  /** The warehouse's setting: when false, available never goes below zero. */
  allowNegative?: boolean;
  /** Who caused it (user id), kept on the moves. */
  by?: string;
}

export interface QtyLine {
  product: string;
  qty: number | string;
}

export interface BatchLine extends QtyLine {
  batch?: string;
  /** YYYY-MM-DD */
  expiry?: string;
  /** The price the line comes in at (valuation.ts); absent: the current average. */
  unitCost?: string;
}

export interface StockResult {
  key: string;
  moves: MoveView[];
  replayed: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(errors: FieldError[]): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `Invalid stock operation: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    { key: 'VALIDATION_FAILED.invalid_stock_operation', errors },
  );
}

function nonEmpty(value: unknown, path: string, errors: FieldError[]): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  errors.push(fieldError(path, 'VALIDATION_FAILED.non_empty_string'));
  return '';
}

function collect<T>(errors: FieldError[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (err instanceof AppError && err.errors) {
      errors.push(...err.errors);
      return undefined;
    }
    throw err;
  }
}

interface LineRules {
  qty: 'required' | 'optional' | 'none';
  counted?: boolean;
  batch?: boolean;
}

function parseLines(lines: unknown, rules: LineRules, errors: FieldError[]): LineInput[] {
  if (!Array.isArray(lines) || lines.length === 0) {
    errors.push(fieldError('/lines', 'VALIDATION_FAILED.lines_required'));
    return [];
  }
  return lines.map((raw: Record<string, unknown>, i) => {
    const line: LineInput = { product: nonEmpty(raw?.product, `/lines/${i}/product`, errors), ...lineCost(raw ?? {}) };
    if (rules.qty === 'required' || (rules.qty === 'optional' && raw.qty !== undefined && raw.qty !== null)) {
      line.qty = collect(errors, () => toPositiveMilli(raw.qty, `/lines/${i}/qty`));
    }
    if (rules.counted) {
      const counted = collect(errors, () => toMilli(raw.counted, `/lines/${i}/counted`));
      if (counted !== undefined && counted < 0)
        errors.push(fieldError(`/lines/${i}/counted`, 'VALIDATION_FAILED.not_negative'));
      line.counted = counted;
    }
    if (rules.batch && raw.batch !== undefined && raw.batch !== null && raw.batch !== '') {
      line.batch = nonEmpty(raw.batch, `/lines/${i}/batch`, errors);
    }
    if (rules.batch && raw.expiry !== undefined && raw.expiry !== null && raw.expiry !== '') {
      if (typeof raw.expiry === 'string' && DATE.test(raw.expiry)) line.expiry = raw.expiry;
      else errors.push(fieldError(`/lines/${i}/expiry`, 'VALIDATION_FAILED.plain_date'));
    }
    return line;
  });
}

async function run(
  input: StockOperationInput,
  kind: OperationKind,
  lines: unknown,
  rules: LineRules,
  extra: Partial<OperationSpec> = {},
): Promise<StockResult> {
  const errors: FieldError[] = [];
  const warehouse = nonEmpty(input.warehouse, '/warehouse', errors);
  nonEmpty(input.key, '/key', errors);
  nonEmpty(input.ref?.id, '/ref/id', errors);
  const parsed = parseLines(lines, rules, errors);
  if (errors.length > 0) throw invalid(errors);
  const spec: OperationSpec = {
    kind,
    warehouse,
    allowNegative: input.allowNegative === true,
    lines: parsed,
    ref: input.ref,
    ...extra,
  };
  if (input.by !== undefined) spec.by = input.by;
  const result: OperationResult = await runOperation(input, input.key, spec);
  return { key: result.key, moves: result.moves.map(moveView), replayed: result.replayed };
}

/** Reserves each line's qty (available → reserved), batches FEFO. */
export const reserveStock = (input: StockOperationInput & { lines: QtyLine[] }): Promise<StockResult> =>
  run(input, 'reserve', input.lines, { qty: 'required' });

/** Releases what `ref` still holds, up to each line's qty (all of it when qty is absent). */
export const releaseStock = (
  input: StockOperationInput & { lines: Array<{ product: string; qty?: number | string }> },
) => run(input, 'release', input.lines, { qty: 'optional' });

/**
 * Issues stock out of the warehouse: first what `ref` reserved (unless
 * `fromReserved: false`), then available stock, batches first-expiry-first-out
 * (only the line's batch when it names one).
 */
export const issueStock = (
  input: StockOperationInput & {
    lines: Array<QtyLine & { batch?: string }>;
    fromReserved?: boolean;
    reservedOnly?: boolean;
  },
) =>
  run(
    input,
    'issue',
    input.lines,
    { qty: 'required', batch: true },
    { fromReserved: input.fromReserved !== false, ...(input.reservedOnly ? { reservedOnly: true } : {}) },
  );

/** Receives stock (optionally into a batch with expiry); with `purchaseOrder`, reduces its incoming. */
export const receiveStock = (input: StockOperationInput & { lines: BatchLine[]; purchaseOrder?: string }) =>
  run(
    input,
    'receive',
    input.lines,
    { qty: 'required', batch: true },
    input.purchaseOrder ? { incomingRef: input.purchaseOrder } : {},
  );

/** A purchase order's lines count as incoming (`ref` is the order). */
export const addIncoming = (input: StockOperationInput & { lines: QtyLine[] }) =>
  run(input, 'add_incoming', input.lines, { qty: 'required' });

/** Removes what the order `ref` still has incoming, up to each line's qty (all when absent). */
export const removeIncoming = (
  input: StockOperationInput & { lines: Array<{ product: string; qty?: number | string }> },
) => run(input, 'remove_incoming', input.lines, { qty: 'optional' });

/** Stocktake: moves the book to each line's counted quantity, recording the variance as moves. */
export const adjustStock = (
  input: StockOperationInput & {
    lines: Array<{ product: string; counted: number | string; batch?: string; expiry?: string }>;
  },
) => run(input, 'adjust', input.lines, { qty: 'none', counted: true, batch: true });

/** Internal: the two legs of a transfer (transfer.ts). */
export const runTransferLeg = (
  input: StockOperationInput,
  kind: 'transfer_out' | 'transfer_in',
  lines: Array<{ product: string; qty: number | string; batch?: string; expiry?: string; value?: string }>,
) => run(input, kind, lines, { qty: 'required', batch: true });
